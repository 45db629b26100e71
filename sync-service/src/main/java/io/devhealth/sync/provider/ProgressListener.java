package io.devhealth.sync.provider;

/** Receives a sync's progress. Called often and from the sync's thread; implementations throttle. */
@FunctionalInterface
public interface ProgressListener {

    /** Discards progress. */
    ProgressListener NONE = (phase, itemsProcessed, itemsTotal) -> { };

    /**
     * @param phase          e.g. {@code listing}, {@code extracting}, {@code writing}, {@code metrics}
     * @param itemsProcessed items done so far, in the provider's one unit for the whole run (commits for git), so a
     *                       run's final figure is what it synced
     * @param itemsTotal     items the run will process, or {@code null} while unknown
     */
    void progress(String phase, long itemsProcessed, Long itemsTotal);
}
