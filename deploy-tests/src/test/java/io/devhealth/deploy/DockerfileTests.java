package io.devhealth.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The services' images, checked without a container runtime: each {@code src/main/docker/Dockerfile.jvm} and
 * {@code Dockerfile.native} is parsed into its instructions and compared with the build's output layout, the
 * service's HTTP port and the Deployment that runs it.
 */
class DockerfileTests {

    /**
     * Quarkus' aot-jar layout under {@code target/quarkus-app} (the same directories as fast-jar), plus the AOT cache
     * {@code -Paot} records there.
     */
    static final Set<String> AOT_JAR = Set.of("lib/", "app/", "quarkus/", "quarkus-run.jar", "app.aot");

    static List<String> services() {
        return List.copyOf(new java.util.TreeSet<>(ServiceConfig.SERVICES));
    }

    /** One Dockerfile instruction: keyword upper-cased, arguments with line continuations joined. */
    record Instruction(String keyword, String arguments) {
    }

    static List<Instruction> parse(String dockerfile) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\n", -1)) {
            String stripped = line.strip();
            if (current.isEmpty() && (stripped.isEmpty() || stripped.startsWith("#"))) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped.substring(0, stripped.length() - 1).strip()).append(' ');
                continue;
            }
            current.append(stripped);
            String[] parts = current.toString().strip().split("\\s+", 2);
            instructions.add(new Instruction(parts[0].toUpperCase(java.util.Locale.ROOT), parts.length > 1 ? parts[1] : ""));
            current.setLength(0);
        }
        if (!current.isEmpty()) {
            throw new IllegalArgumentException("a line continuation runs past the end of the file");
        }
        return instructions;
    }

    static List<Instruction> dockerfile(String service, String flavour) {
        Path file = Repo.root().resolve(service).resolve("src/main/docker/Dockerfile." + flavour);
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(service + " has no " + file, e);
        }
    }

    /** The instructions of the last stage (the image that runs). */
    static List<Instruction> finalStage(List<Instruction> all) {
        int from = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).keyword().equals("FROM")) {
                from = i;
            }
        }
        assertThat(from).as("a FROM instruction").isGreaterThanOrEqualTo(0);
        return all.subList(from, all.size());
    }

    static List<String> argumentsOf(List<Instruction> instructions, String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    private static final Pattern PINNED = Pattern.compile("[a-z0-9.\\-/]+:(?!latest\\b)[\\w.\\-]+(@sha256:[0-9a-f]{64})?");

    /** Every base image names a tag other than {@code latest} (a stage alias such as {@code build} excluded). */
    static void assertPinnedBases(String where, List<Instruction> instructions) {
        Set<String> stages = new java.util.HashSet<>();
        for (String from : argumentsOf(instructions, "FROM")) {
            String[] words = from.split("\\s+");
            String image = words[0];
            if (!stages.contains(image)) {
                assertThat(PINNED.matcher(image).matches()).as(where + ": base image " + image + " pins a tag").isTrue();
            }
            if (words.length == 3 && words[1].equalsIgnoreCase("AS")) {
                stages.add(words[2]);
            }
        }
    }

    /** The final stage's USER is numeric and not 0 (Kubernetes' runAsNonRoot can only verify a numeric UID). */
    static long assertNonRootUser(String where, List<Instruction> finalStage) {
        List<String> users = argumentsOf(finalStage, "USER");
        assertThat(users).as(where + ": the running stage sets USER").isNotEmpty();
        String user = users.getLast().split(":")[0];
        assertThat(user).as(where + ": numeric USER").matches("\\d+");
        long uid = Long.parseLong(user);
        assertThat(uid).as(where + ": USER is not root").isNotZero();
        return uid;
    }

    static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(deployment.getMetadata().getName())).findFirst()
                .orElseThrow(() -> new AssertionError(deployment.getMetadata().getName() + ": no container of that name"));
    }

    @ParameterizedTest
    @MethodSource("services")
    void theJvmImageRunsTheAotJarWithTheAotCacheAsNonRoot(String service) {
        List<Instruction> all = dockerfile(service, "jvm");
        String where = service + " Dockerfile.jvm";
        assertPinnedBases(where, all);
        assertThat(argumentsOf(all, "FROM")).singleElement().asString().startsWith("eclipse-temurin:25");
        assertNonRootUser(where, all);
        assertThat(argumentsOf(all, "EXPOSE")).as(where).containsExactly(
                String.valueOf(Overlays.services().get(service).httpPort()));

        Path module = Repo.root().resolve(service);
        Set<String> copied = new java.util.TreeSet<>();
        String aotCache = null;
        String options = null;
        for (String copy : argumentsOf(all, "COPY")) {
            List<String> words = new ArrayList<>(List.of(copy.split("\\s+")));
            words.removeIf(w -> w.startsWith("--"));
            assertThat(words).as(where + ": COPY " + copy).hasSize(2);
            String source = words.get(0);
            String destination = words.get(1);
            if (source.startsWith("target/quarkus-app/")) {
                String entry = source.substring("target/quarkus-app/".length());
                assertThat(AOT_JAR).as(where + ": " + source + " is part of the aot-jar layout").contains(entry);
                copied.add(entry);
                if (entry.equals("app.aot")) {
                    aotCache = destination;
                }
            } else {
                assertThat(module.resolve(source)).as(where + ": COPY source in the module").exists();
                if (source.endsWith("jvm.options")) {
                    options = destination;
                }
            }
        }
        assertThat(copied).as(where + ": the whole aot-jar and the AOT cache").isEqualTo(AOT_JAR);
        assertThat(aotCache).isNotNull();
        assertThat(options).as(where + ": copies src/main/docker/jvm.options").isNotNull();
        assertThat(String.join(" ", argumentsOf(all, "ENV"))).as(where + ": JAVA_TOOL_OPTIONS uses the AOT cache")
                .contains("JAVA_TOOL_OPTIONS=").contains("-XX:AOTCache=" + aotCache).contains("-Djava.io.tmpdir=/tmp");
        assertThat(argumentsOf(all, "ENTRYPOINT")).singleElement().asString()
                .contains("\"@" + options + "\"").contains("quarkus-run.jar");
    }

    /**
     * The layout the Dockerfile copies is what the build wrote (the reactor packages the services before this module:
     * it depends on them for build order).
     */
    @ParameterizedTest
    @MethodSource("services")
    void theBuildPackagesTheAotJarTheImageCopies(String service) {
        Path app = Repo.root().resolve(service).resolve("target/quarkus-app");
        assertThat(app).as("%s is written by `./mvnw package`", app).isDirectory();
        for (String entry : AOT_JAR) {
            if (!entry.equals("app.aot")) {
                assertThat(app.resolve(entry)).as(service + ": the build's " + entry).exists();
            }
        }
        // aot-jar, not fast-jar: the JVM's own class loader loads every class (the runner's manifest lists them), so
        // the AOT cache can hold the application's classes too; fast-jar's loader would keep them out of it.
        try (JarFile runner = new JarFile(app.resolve("quarkus-run.jar").toFile())) {
            assertThat(runner.getManifest().getMainAttributes().getValue("Class-Path"))
                    .as(service + ": the runner's Class-Path names the application and its libraries")
                    .contains("app/" + service + "-").contains("lib/main/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void theNativeImageIsBuiltWithMandrel25AndRunsAsNonRoot(String service) {
        List<Instruction> all = dockerfile(service, "native");
        String where = service + " Dockerfile.native";
        assertPinnedBases(where, all);
        assertThat(argumentsOf(all, "FROM").getFirst()).as(where + ": Mandrel 25 builder")
                .startsWith("quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-25");
        List<Instruction> runtime = finalStage(all);
        assertThat(runtime.getFirst().arguments()).as(where + ": a UBI micro or minimal base")
                .matches(".*ubi9-(quarkus-micro-image|minimal).*|.*ubi9/ubi-(micro|minimal):.*");
        assertNonRootUser(where, runtime);
        assertThat(argumentsOf(runtime, "EXPOSE")).as(where).containsExactly(
                String.valueOf(Overlays.services().get(service).httpPort()));
        assertThat(String.join("\n", argumentsOf(all, "RUN"))).as(where + ": builds this module natively")
                .contains("-Pnative").contains("-pl " + service);
    }

    /** The k8s Deployment runs the image as the Dockerfile's user, on its port, with /tmp writable. */
    @ParameterizedTest
    @MethodSource("services")
    void theDeploymentAgreesWithTheImage(String service) {
        long uid = assertNonRootUser(service, dockerfile(service, "jvm"));
        String port = argumentsOf(dockerfile(service, "jvm"), "EXPOSE").getFirst();
        for (String overlay : List.of("base", "overlays/dev", "overlays/prod")) {
            Deployment deployment = Overlays.parsed(overlay).get(Deployment.class, service);
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container container = container(deployment);
            String where = overlay + " " + service;
            assertThat(container.getImage()).as(where).startsWith("devhealth/" + service + ":").doesNotEndWith(":latest");
            assertThat(container.getPorts()).as(where + ": the image's EXPOSEd port")
                    .anySatisfy(p -> assertThat(String.valueOf(p.getContainerPort())).isEqualTo(port));
            assertThat(pod.getSecurityContext().getRunAsUser()).as(where + ": runAsUser").isEqualTo(uid);
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(where).isTrue();
            String tmpVolume = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                    .findFirst().orElseThrow(() -> new AssertionError(where + ": /tmp is not mounted")).getName();
            assertThat(pod.getVolumes()).as(where + ": /tmp is an emptyDir")
                    .anySatisfy(v -> {
                        assertThat(v.getName()).isEqualTo(tmpVolume);
                        assertThat(v.getEmptyDir()).isNotNull();
                    });
        }
    }

    private static final Pattern SIZE = Pattern.compile("-(?:Xmx|XX:MaxMetaspaceSize=|XX:ReservedCodeCacheSize=)(\\d+)([mMgG])");

    /**
     * jvm.options (read by the image, dev/up and bench/startup) bounds heap and metaspace, and the Deployment's memory
     * limit leaves at least 64 MiB above heap + metaspace + code cache for stacks, direct buffers and the JVM itself.
     */
    @ParameterizedTest
    @MethodSource("services")
    void theJvmOptionsBoundTheHeapBelowTheContainerLimit(String service) throws IOException {
        List<String> options = Files.readAllLines(Repo.root().resolve(service).resolve("src/main/docker/jvm.options"))
                .stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(options).allSatisfy(o -> assertThat(o).startsWith("-").doesNotContainAnyWhitespaces());
        assertThat(options).anyMatch(o -> o.startsWith("-Xmx")).anyMatch(o -> o.startsWith("-XX:MaxMetaspaceSize="));
        long bounded = 0;
        for (String option : options) {
            Matcher m = SIZE.matcher(option);
            if (m.matches()) {
                bounded += Long.parseLong(m.group(1)) * (m.group(2).equalsIgnoreCase("g") ? 1024 : 1) * 1024 * 1024;
            }
        }
        Quantity limit = container(Overlays.parsed("base").get(Deployment.class, service)).getResources().getLimits().get("memory");
        assertThat(limit).as(service + ": a memory limit").isNotNull();
        assertThat(Quantity.getAmountInBytes(limit).longValue()).as(service + ": memory limit vs jvm.options")
                .isGreaterThanOrEqualTo(bounded + 64L * 1024 * 1024);
    }

    @Test
    void theParserRejectsAnUnpinnedBaseAndARootUser() {
        List<Instruction> latest = parse("FROM eclipse-temurin:latest\nUSER 185\n");
        assertThatThrownBy(() -> assertPinnedBases("x", latest)).isInstanceOf(AssertionError.class);
        List<Instruction> untagged = parse("FROM eclipse-temurin\n");
        assertThatThrownBy(() -> assertPinnedBases("x", untagged)).isInstanceOf(AssertionError.class);
        List<Instruction> root = parse("FROM a:1 AS build\nUSER 185\nFROM b:2\n# comment\nUSER 0:0\n");
        assertPinnedBases("x", root);
        assertThatThrownBy(() -> assertNonRootUser("x", finalStage(root))).isInstanceOf(AssertionError.class);
        List<Instruction> named = parse("FROM a:1\nUSER quarkus\n");
        assertThatThrownBy(() -> assertNonRootUser("x", named)).isInstanceOf(AssertionError.class);
        assertThat(parse("RUN a \\\n  && b\n")).containsExactly(new Instruction("RUN", "a && b"));
    }
}
