package io.devhealth.testengines;

import java.nio.file.Path;

/**
 * The engines of one test JVM: started on first use, shared by every test class of the module (each class
 * isolates itself with its own database or by truncating), and stopped when the JVM exits — also when a
 * test failed. Their state lives under the module's {@code target/engines}.
 */
public final class Engines {

    private static PostgresEngine postgres;
    private static ClickHouseEngine clickhouse;

    private Engines() {
    }

    public static synchronized PostgresEngine postgres() {
        if (postgres == null) {
            postgres = PostgresEngine.start(stateDir("postgres"));
            stopAtExit(postgres);
        }
        return postgres;
    }

    public static synchronized ClickHouseEngine clickhouse() {
        if (clickhouse == null) {
            clickhouse = ClickHouseEngine.start(stateDir("clickhouse"));
            stopAtExit(clickhouse);
        }
        return clickhouse;
    }

    private static Path stateDir(String engine) {
        return Path.of("target", "engines", engine).toAbsolutePath();
    }

    private static void stopAtExit(AutoCloseable engine) {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            try {
                engine.close();
            } catch (Exception e) {
                System.err.println("could not stop " + engine + ": " + e.getMessage());
            }
        }));
    }
}
