package io.sensequant.snapshot;

/**
 * Which outputs may be compared with this one. {@code replicateKey}: same identity but the seed (cross-seed
 * replicates); {@code comparableKey}: the replicate key plus the effective sample size and the library versions,
 * so scores in one comparable group were computed on the same number of rows by the same libraries;
 * {@code nEffective}: the rows the stage learned from or scored.
 */
public record ComparisonGroup(String replicateKey, String comparableKey, long nEffective, long trainSeed,
                              String hyperparametersSignature) {
}
