package io.sensequant.ingest;

/**
 * A provider that answers one chunk at a time from the driver (files, REST APIs). The ingest loop calls
 * {@link #fetch} from up to {@code ingest.fetch_parallelism} threads at once, so implementations must be
 * thread-safe; rate limiting and retries are the fetcher's job (see {@link RateLimiter}).
 */
public interface ChunkFetcher {
    String name();

    FetchedChunk fetch(ChunkRequest request) throws ChunkFetchException;
}
