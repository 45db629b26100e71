package io.devhealth.sync.provider.git;

import java.nio.charset.StandardCharsets;

/**
 * One file row of {@code git log --numstat --raw --no-renames}.
 *
 * @param path       the path as git stores it (raw bytes: git paths need not be UTF-8)
 * @param changeType git's status letter from {@code --raw}: A added, M modified, D deleted, T type changed
 *                   (file ↔ symlink ↔ submodule); no R/C because renames are off
 * @param additions  added lines; 0 for binary files
 * @param deletions  deleted lines; 0 for binary files
 * @param binary     numstat printed {@code -\t-} (git considers the file binary)
 */
record GitFileChange(byte[] path, String changeType, int additions, int deletions, boolean binary) {

    /** The path decoded as UTF-8 (invalid bytes replaced); for display and tests. */
    String pathString() {
        return new String(path, StandardCharsets.UTF_8);
    }
}
