package org.pilegate.api.store;

/** The embedded store, registered while the gateway's store is the embedded H2 (not on PostgreSQL). */
public interface EmbeddedStore {

    /** What the store has done so far, and its file as last measured (at most about a second ago). */
    Activity activity();

    /**
     * @param commits transactions that wrote and waited until they were on disk, since the store opened
     * @param flushes writes of the file that made them so: fewer than commits when commits came together
     * @param fileBytes the file's size; 0 before the first measure
     * @param livePercent the data alive in the file, in percent of its size; 0 before the first measure
     */
    record Activity(long commits, long flushes, long fileBytes, int livePercent) {
    }
}
