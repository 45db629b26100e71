package io.devhealth.sync.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Creates every {@code @TempDir} of this module's tests under the operator's local root
 * ({@link IdentityServiceTestResource#LOCAL_ROOT}), so the repositories tests create are ones both services may
 * sync. Registered as JUnit's default in {@code junit-platform.properties}.
 */
public class OperatorRootTempDirFactory implements TempDirFactory {

    @Override
    public Path createTempDirectory(AnnotatedElementContext elementContext, ExtensionContext extensionContext)
            throws IOException {
        return Files.createTempDirectory(createOperatorRoot(), "junit");
    }

    /** Creates the operator's root if missing; answers its path. */
    static Path createOperatorRoot() {
        try {
            return Files.createDirectories(Path.of(IdentityServiceTestResource.LOCAL_ROOT));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the operator's local root for tests", e);
        }
    }
}
