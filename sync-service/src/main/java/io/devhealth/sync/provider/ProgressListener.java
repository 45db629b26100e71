package io.devhealth.sync.provider;

/** Receives a sync's progress. Called often and from the sync's thread; implementations throttle. */
@FunctionalInterface
public interface ProgressListener {

    /** Discards progress. */
    ProgressListener NONE = (phase, itemsProcessed, itemsTotal) -> { };

    /**
     * @param phase          e.g. {@code listing}, {@code extracting}, {@code writing}, {@code metrics}
     * @param itemsProcessed items done in this phase so far
     * @param itemsTotal     items this phase will process, or {@code null} when unknown
     */
    void progress(String phase, long itemsProcessed, Long itemsTotal);
}
