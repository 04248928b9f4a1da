package io.sensequant.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Which outputs may be compared with this one. {@code replicateKey}: same identity but the seed (cross-seed
 * replicates); {@code comparableKey}: the replicate key plus the effective sample size and the library versions,
 * so scores in one comparable group were computed on the same number of rows by the same libraries;
 * {@code hyperparametersSignature} is absent for stages without a model (ingest, features);
 * {@code nEffective}: the rows the stage learned from or scored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ComparisonGroup(String replicateKey, String comparableKey, long nEffective, long trainSeed,
                              String hyperparametersSignature) {
}
