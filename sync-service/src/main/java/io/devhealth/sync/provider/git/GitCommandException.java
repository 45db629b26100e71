package io.devhealth.sync.provider.git;

/** A git command failed; the message carries git's own stderr (fit for users: it names objects, not secrets). */
final class GitCommandException extends RuntimeException {

    GitCommandException(String message) {
        super(message);
    }
}
