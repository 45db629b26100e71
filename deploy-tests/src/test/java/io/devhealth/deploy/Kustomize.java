package io.devhealth.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with the real {@code kubectl kustomize} (kubectl ≥ 1.27, Kustomize v5). A missing or old
 * kubectl fails the test with what to install: the checks must never pass by rendering nothing.
 */
final class Kustomize {

    static final String INSTALL_HINT = "kubectl >= 1.27 (Kustomize v5) is needed on PATH or at /usr/bin/kubectl to "
            + "render k8s/; install it from the Kubernetes release packages (Debian's kubernetes-client is too old)";

    private Kustomize() {
    }

    /**
     * Renders {@code dir} (a directory with a kustomization.yaml).
     *
     * @return the multi-document YAML kubectl printed
     * @throws IllegalStateException when kubectl is missing, too old, or the kustomization does not build (with its message)
     */
    static String render(Path dir) {
        Path kubectl = kubectl();
        Path errors = null;
        try {
            // stderr to a file: reading one pipe to its end while kubectl fills the other would deadlock.
            errors = Files.createTempFile("kustomize", ".err");
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                    .redirectError(errors.toFile()).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + Files.readString(errors));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + kubectl + ": " + INSTALL_HINT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering " + dir, e);
        } finally {
            if (errors != null) {
                errors.toFile().delete();
            }
        }
    }

    private static Path kubectl() {
        List<Path> dirs = new java.util.ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) {
                dirs.add(Path.of(dir));
            }
        }
        dirs.add(Path.of("/usr/bin"));
        dirs.add(Path.of("/usr/local/bin"));
        return kubectl(dirs);
    }

    /** The first executable kubectl in {@code dirs}, checked for its version; else a failure naming what to install. */
    static Path kubectl(List<Path> dirs) {
        for (Path dir : dirs) {
            Path candidate = dir.resolve("kubectl");
            if (Files.isExecutable(candidate)) {
                requireVersion(candidate);
                return candidate;
            }
        }
        throw new IllegalStateException("kubectl not found: " + INSTALL_HINT);
    }

    private static void requireVersion(Path kubectl) {
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "version", "--client", "-o", "json")
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            var minor = java.util.regex.Pattern.compile("\"minor\":\\s*\"(\\d+)").matcher(out);
            if (!minor.find() || Integer.parseInt(minor.group(1)) < 27) {
                throw new IllegalStateException(kubectl + " is too old (" + out.strip() + "): " + INSTALL_HINT);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + kubectl + ": " + INSTALL_HINT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The overlays users deploy, relative to {@code k8s/}. */
    static List<String> overlays() {
        return List.of("base", "overlays/dev", "overlays/prod", "overlays/ingress", "overlays/clickhouse-cluster");
    }
}
