package io.sensequant.config;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The typed, immutable view of the effective config; it mirrors conf/pipeline.yaml key for key
 * (snake_case in YAML, camelCase here). Code reads settings only through these records.
 */
public record PipelineConfig(
        Run run,
        Paths paths,
        Spark spark,
        Lake lake,
        Ingest ingest,
        Features features,
        Training training,
        Validation validation,
        Release release,
        Models models,
        Sentiment sentiment,
        Bench bench,
        Reward reward,
        Ranking ranking,
        Selection selection,
        Safety safety,
        Identity identity,
        StressTests stressTests,
        Progress progress,
        Candidate candidate,
        StatTests statTests) implements Serializable {

    /** The same config with other paths (e.g. made absolute for display); every other section is kept. */
    public PipelineConfig withPaths(Paths resolved) {
        return new PipelineConfig(run, resolved, spark, lake, ingest, features, training, validation, release, models,
                sentiment, bench, reward, ranking, selection, safety, identity, stressTests, progress, candidate, statTests);
    }

    public record Run(long baseSeed, String universe, String calendar, String profile, List<String> symbols,
                      LocalDate startDate, LocalDate endDate, String interval, boolean dryrun) implements Serializable {
    }

    public record Paths(String lakeRoot, String releaseDir) implements Serializable {
    }

    public record Spark(String master, String appName, int shufflePartitions, String sessionTimeZone,
                        boolean uiEnabled, Map<String, Object> conf) implements Serializable {
    }

    public record Lake(Map<String, String> ohlcvPartitionGranularity) implements Serializable {
    }

    /** Progress snapshots of a running run (conf/pipeline.yaml {@code progress}). */
    public record Progress(int snapshotSeconds, String stateDir) implements Serializable {
    }

    public record Ingest(String provider, int historicalChunkDays, int fetchParallelism, int rateLimitRequestsPerMinute,
                         double rateLimitDelaySeconds, int maxRetries, double retryBackoffInitialSeconds,
                         double retryBackoffMaxSeconds, double requestTimeoutSeconds, int commitEveryChunks,
                         boolean force, boolean allowPartial, boolean compact, boolean skipFetch, Guardrails guardrails, Csv csv, Http http, Synthetic synthetic) implements Serializable {
    }

    public record Guardrails(String suspectAction, double jumpVolatilityMultiple, int jumpLookbackBars,
                             double jumpReversalFraction, int jumpReversalBars, double sharedMoveVolatilityMultiple,
                             int sharedMinSymbols, double sharedMinShare) implements Serializable {
    }

    public record Csv(String path, String symbolColumn, String timestampFormat, String timeZone,
                      Map<String, List<String>> columns) implements Serializable {
    }

    public record Http(String baseUrl, String exchangeCode, String productType, String apiKeyEnv, String apiSecretEnv,
                       String sessionTokenEnv, String secretsFile, Map<String, String> intervalNames) implements Serializable {
    }

    public record Synthetic(LocalDate originDate, double initialPriceMin, double initialPriceMax,
                            double annualDriftMin, double annualDriftMax, double annualVolMin, double annualVolMax,
                            double marketAnnualVol, double marketBetaMin, double marketBetaMax,
                            double intradayRangeVolFraction, double openGapVolFraction,
                            double baseVolumeMin, double baseVolumeMax, double volumeLogSigma,
                            double volumeReturnSensitivity, int tradingDaysPerYear, double volumePriceElasticity,
                            double sectorAnnualVol, double sectorBetaMin, double sectorBetaMax,
                            Map<String, Double> sectorMarketBeta, double idioMinVarianceFraction,
                            double garchAlpha, double garchBeta, double jumpProbability, double jumpMean, double jumpSigma,
                            double stressVolMultiplier, double stressIdioVolMultiplier,
                            double priceFloor, double priceCeiling, double priceBandReversion, double priceTick,
                            double intradayVolumeOpenWeight, double intradayVolumeCloseWeight,
                            double intradayVolumeLogSigma, double defectRate, Signal signal) implements Serializable {
    }

    /** A planted, documented signal in the synthetic bars (ingest.synthetic.signal), for known-answer runs. */
    public record Signal(String kind, double strength, int lookbackSessions) implements Serializable {
        public static final String NONE = "none";
        public static final String MEAN_REVERSION = "mean_reversion";

        public boolean on() {
            return !NONE.equals(kind) && strength > 0;
        }
    }

    /** Daily sentiment snapshots (conf/pipeline.yaml {@code sentiment}); off unless {@code enabled}. */
    public record Sentiment(boolean enabled, String source, String csvPath, double syntheticCoverage,
                            double syntheticPersistence, double syntheticNoise) implements Serializable {
    }

    public record Features(List<String> sets, int forecastHorizonDays, double labelThreshold, int warmupBars,
                           String warmupPolicy, int maxRowsPerSymbol, CandidateTargets candidateTargets) implements Serializable {
        public static final String DROP = "drop";
        public static final String KEEP = "keep";
    }

    /** Target-ranking candidates: every horizon x threshold x kind ({@link #KINDS}). */
    public record CandidateTargets(List<Integer> horizons, List<Double> thresholds, List<String> kinds) implements Serializable {
        public static final List<String> KINDS = List.of("three_class", "binary", "regression");
    }

    public record Training(List<String> featureColumns, int windowDays, int stepDays, int minSamples,
                           double trainFraction, double minTrainFraction, Teacher teacher, Student student) implements Serializable {
    }

    /**
     * {@code mode}: {@link #PARALLEL_WINDOWS} (native XGBoost inside grouped Spark tasks, one task per group of
     * symbols) or {@link #DISTRIBUTED} (one XGBoost4J-Spark fit per window, driven from the driver, for very
     * large windows); {@code distributedWorkers}: that fit's workers, 0 for one per Spark core.
     */
    public record Teacher(String mode, int nthread, int taskPartitions, int distributedWorkers) implements Serializable {
        public static final String PARALLEL_WINDOWS = "parallel-windows";
        public static final String DISTRIBUTED = "distributed";
        public static final List<String> MODES = List.of(PARALLEL_WINDOWS, DISTRIBUTED);
    }

    /**
     * {@code directBaseline}: also train {@code student_direct}, the same model on the true labels of the student's
     * training rows, as the yardstick of what distillation through the teachers keeps.
     */
    public record Student(int numWorkers, int nthread, double trainFraction, boolean directBaseline) implements Serializable {
    }

    /** {@code icMinSymbols}: a date with fewer scored symbols is left out of the IC / Rank IC series. */
    public record Validation(List<String> classes, int icMinSymbols) implements Serializable {
    }

    /**
     * The reward loop and its A/B student (conf/pipeline.yaml {@code reward}). A prediction's reward is
     * sign(class) · sign(realised return) · |realised return| clipped to [clipMin, clipMax]; the reward-weighted
     * student multiplies the teacher confidence by a weight derived from the decayed reward (README, "Reward loop").
     */
    public record Reward(boolean enabled, double clipMin, double clipMax, String weighting, double scale,
                         double minWeight, double gamma, int batches, boolean normalize) implements Serializable {
        public static final String LINEAR = "linear";
        public static final String EXPONENTIAL = "exponential";
        public static final String NONE = "none";
        public static final List<String> WEIGHTINGS = List.of(LINEAR, EXPONENTIAL, NONE);
    }

    /** The release audit's warning thresholds and the recommendation's (conf/pipeline.yaml {@code release}). */
    public record Release(double minSkillMargin, String registeredBy, double minStressPassShare, int minDateRangeDays,
                          double maxSkippedWindowShare, double minSentimentCoveragePct) implements Serializable {
    }

    /** Optional auto-approval of a registered run (conf/pipeline.yaml {@code candidate}). */
    public record Candidate(boolean autoApprove, double approvalThreshold) implements Serializable {
    }

    public record Bench(BenchIngest ingest, BenchTeachers teachers, BenchFeatures features) implements Serializable {
    }

    /** {@code sensequant bench teachers}: which teacher modes to time, and the native student's threads. */
    public record BenchTeachers(List<String> modes, int nativeStudentNthread) implements Serializable {
        public static final String SEQUENTIAL = "sequential";
    }

    public record BenchIngest(String interval, LocalDate startDate, LocalDate endDate) implements Serializable {
    }

    /** The features benchmark (spark-app's FeaturesBenchmark, profile bench): datasets, sets, masters, repetitions. */
    public record BenchFeatures(List<String> datasets, LocalDate dailyStartDate, LocalDate dailyEndDate, int dailySymbols,
                                LocalDate minuteStartDate, LocalDate minuteEndDate, int minuteSymbols, int dataFiles,
                                List<String> sets, List<String> masters, int shufflePartitionsPerCore, int repetitions,
                                int warmupSymbols, int warmupBars, boolean ta4j, String reportName) implements Serializable {
        public static final String DAILY = "daily";
        public static final String MINUTE = "minute";
    }

    public record Models(Xgboost xgboost) implements Serializable {
    }

    public record Xgboost(String activeVariant, Hyperparameters hyperparameters,
                          Map<String, Map<String, Map<String, Object>>> variants) implements Serializable {
    }

    public record Hyperparameters(Map<String, Object> teacher, Map<String, Object> student,
                                  Map<String, Object> ranking, Map<String, Object> selection) implements Serializable {
    }

    /** TARGET_RANKING (conf/pipeline.yaml {@code ranking}). */
    public record Ranking(boolean enabled, String chooseBy, int maxRows, int maxSymbols, int maxRowsPerSymbol,
                          int folds, int purgeSessions, int minTrainRows, int nthread,
                          Map<String, Map<String, Object>> objectives, int minSelectionSessions) implements Serializable {
        public static final List<String> VIEWS = List.of("CROSS_SECTIONAL", "SYMBOL_SPECIFIC");
    }

    /** FEATURE_SELECTION (conf/pipeline.yaml {@code selection}). */
    public record Selection(boolean enabled, int topK, int maxRows, double validationFraction, int permutationRepeats,
                            double correlationThreshold, int nthread) implements Serializable {
    }

    public record Safety(LeakageDetection leakageDetection) implements Serializable {
    }

    /** The leakage guard of target ranking and feature selection (conf/pipeline.yaml {@code safety.leakage_detection}). */
    public record LeakageDetection(boolean enabled, int maxAttempts, AutoFixThresholds autoFixThresholds,
                                   double singleFeatureAccuracy, double futureReturnSpearman,
                                   PointInTime pointInTime) implements Serializable {
    }

    /**
     * The FEATURES phase's point-in-time check (conf/pipeline.yaml {@code safety.leakage_detection.point_in_time}):
     * features recomputed on bars truncated at {@code cutoffs} seeded cut-offs, on {@code symbols} seeded symbols,
     * must equal the full computation within {@code tolerance}; a feature that differs fails the run or is excluded
     * from model inputs ({@code action}).
     */
    public record PointInTime(boolean enabled, int symbols, int cutoffs, String action, double tolerance)
            implements Serializable {
        public static final String FAIL = "fail";
        public static final String EXCLUDE = "exclude";
    }

    public record AutoFixThresholds(double cvScore, double trainingAccuracy) implements Serializable {
    }

    /**
     * Run identity (conf/identity.yaml): the identity mode (strict | relaxed | legacy), the signatures each stage
     * requires (by stage name), and what strict mode pins.
     */
    public record Identity(String mode, Map<String, List<String>> required, StrictPins strictPins) implements Serializable {
        public static final String STRICT = "strict";
    }

    /** What {@code identity.mode: strict} pins so that runs are bitwise reproducible. */
    public record StrictPins(String sparkMaster, int shufflePartitions, int xgboostNthread) implements Serializable {
    }

    /**
     * STRESS_TESTS (conf/pipeline.yaml {@code stress_tests}): the student replayed out of sample through the
     * periods of conf/stress_periods.yaml; README "Stress tests" defines every rule and score.
     */
    public record StressTests(boolean enabled, double riskFreeRate, double equityWeight,
                              int minTrainRows, int minPeriodSessions, SharpeCi sharpeCi, FailureModes failureModes,
                              Resilience resilience) implements Serializable {
    }

    /**
     * The interval of a stress period's Sharpe ratio (Lo 2002, Newey–West lags max(min_lags, target horizon)) and
     * the floor its lower bound must clear for the period to pass.
     */
    public record SharpeCi(double confidence, int minLags, double passFloor) implements Serializable {
    }

    /** Thresholds of the failure-mode rules (checked in the order black swan, regime change, overfit). */
    public record FailureModes(double overfitAccuracyGap, double regimeVolatilityRatio, double regimeAccuracyDrop,
                               double blackSwanDrawdownMultiple) implements Serializable {
    }

    /** Resilience score = weighted sum of 0-100 components; a period passes at {@code passThreshold} or above. */
    public record Resilience(double drawdownWeight, double precisionWeight, double sharpeWeight, double drawdownLimit,
                             double sharpeCap, double passThreshold) implements Serializable {
    }

    /** STAT_TESTS (conf/pipeline.yaml {@code stat_tests}): walk-forward, bootstrap, hypothesis tests, strategy. */
    public record StatTests(boolean enabled, WalkForward walkForward, Bootstrap bootstrap, Hypothesis hypothesis,
                            Inference inference, Strategy strategy, Benchmark benchmark) implements Serializable {
    }

    public record WalkForward(int trainMonths, int testMonths, int folds, int minTrainRows, int minTestRows,
                              int minCompletedFolds) implements Serializable {
    }

    public record Bootstrap(int iterations, double confidence, double sharpeThreshold) implements Serializable {
    }

    /** Date-level inference: Newey-West lag and stationary-bootstrap mean block length, in dates (0: defaults). */
    public record Inference(int hacLag, int meanBlockLength) implements Serializable {
    }

    public record Hypothesis(double alpha) implements Serializable {
    }

    public record Strategy(double costBps, int annualizationDays) implements Serializable {
    }

    /** The index the strategy is compared with: a csv of daily closes, or (empty) the equal-weighted universe. */
    public record Benchmark(String indexCsv, String indexName) implements Serializable {
    }
}
