package io.devhealth.sync.provider.git;

/** git printed something the parser does not understand (a git version or configuration we do not support). */
final class GitOutputException extends RuntimeException {

    GitOutputException(String message) {
        super(message);
    }
}
