package io.devhealth.sync.provider.git;

/**
 * Opens a repository the way the provider does and prints "ok" or the failure message. Run by
 * {@link GitRepositoryTests} in a JVM of an unprivileged OS user (root reads everything).
 */
public final class RepositoryCheck {

    private RepositoryCheck() {
    }

    public static void main(String[] args) {
        try {
            GitRepository.open(new GitCli("git"), args[0]);
            System.out.println("ok");
        } catch (io.devhealth.sync.provider.SyncFailedException e) {
            System.out.println(e.getMessage());
        }
    }
}
