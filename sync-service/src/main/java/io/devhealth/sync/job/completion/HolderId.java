package io.devhealth.sync.job.completion;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.devhealth.sync.job.config.SyncJobConfig;

/**
 * This process's lease-holder id, e.g. {@code sync-service-7d9f-abcde-3f2a9c1e}: the pod/host name (or
 * {@code devhealth.sync.holder-name}) plus a random suffix per process. identity stores it on the runs this
 * instance holds and names it when a lease expires ("holder X stopped heartbeating").
 */
@ApplicationScoped
public class HolderId {

    /** identity's {@code sync_runs.lease_holder} allows 200 characters. */
    private static final int MAX_LENGTH = 200;

    private final String value;

    @Inject
    HolderId(SyncJobConfig config) {
        this(config.holderName().filter(name -> !name.isBlank()).orElseGet(HolderId::hostName));
    }

    HolderId(String name) {
        byte[] suffix = new byte[4];
        new SecureRandom().nextBytes(suffix);
        String tail = "-" + HexFormat.of().formatHex(suffix);
        String head = name.strip();
        this.value = (head.length() > MAX_LENGTH - tail.length() ? head.substring(0, MAX_LENGTH - tail.length()) : head)
                + tail;
    }

    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    /** Kubernetes sets HOSTNAME to the pod name; elsewhere ask the OS. */
    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "sync-service";
        }
    }
}
