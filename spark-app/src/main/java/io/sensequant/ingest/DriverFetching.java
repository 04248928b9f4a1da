package io.sensequant.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fetches chunks from a {@link ChunkFetcher} on the driver with a fixed number of threads (the fetcher shares
 * one rate limiter among them), returning one result per chunk in request order.
 */
final class DriverFetching {
    record Result(ChunkRequest request, FetchedChunk fetched, ChunkFetchException error) {
    }

    private DriverFetching() {
    }

    static List<Result> fetchAll(ChunkFetcher fetcher, List<ChunkRequest> chunks, int parallelism, Runnable onChunkDone) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, chunks.size())), runnable -> {
            Thread thread = new Thread(runnable, "sensequant-fetch");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (ChunkRequest chunk : chunks) {
                futures.add(pool.submit(() -> {
                    try {
                        return new Result(chunk, fetcher.fetch(chunk), null);
                    } catch (ChunkFetchException e) {
                        return new Result(chunk, null, e);
                    } finally {
                        onChunkDone.run();
                    }
                }));
            }
            List<Result> results = new ArrayList<>();
            for (Future<Result> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching chunks", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a fetch failed unexpectedly: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
