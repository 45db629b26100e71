package io.devhealth.identity.user.service;

/** Password rules (NIST SP 800-63B §5.1.1: length, not composition). */
public final class Passwords {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 1024;

    private Passwords() {
    }
}
