package io.sensequant.config;

import io.sensequant.market.SymbolNames;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks that go beyond types: ranges, orderings and cross-key consistency of the effective config. */
final class ConfigValidator {
    private static final Set<String> INTERVALS = Set.of("1day", "5minute", "1minute");
    private static final Set<String> SENTIMENT_SOURCES = Set.of("synthetic", "csv");

    private ConfigValidator() {
    }

    static void validate(PipelineConfig config) {
        PipelineConfig.Run run = config.run();
        if (!run.startDate().isBefore(run.endDate())) {
            throw new ConfigException("run.start_date " + run.startDate() + " must be before run.end_date " + run.endDate());
        }
        if (!INTERVALS.contains(run.interval())) {
            throw new ConfigException("run.interval '" + run.interval() + "' is not supported; use one of " + INTERVALS);
        }
        for (String symbol : run.symbols()) {
            SymbolNames.requireValid(symbol, "run.symbols");
        }
        if (!config.lake().ohlcvPartitionGranularity().containsKey(run.interval())) {
            throw new ConfigException("lake.ohlcv_partition_granularity has no entry for interval '" + run.interval() + "'");
        }
        PipelineConfig.Ingest ingest = config.ingest();
        positive("ingest.historical_chunk_days", ingest.historicalChunkDays());
        positive("ingest.fetch_parallelism", ingest.fetchParallelism());
        positive("ingest.commit_every_chunks", ingest.commitEveryChunks());
        if (ingest.maxRetries() < 0 || ingest.rateLimitRequestsPerMinute() < 0 || ingest.rateLimitDelaySeconds() < 0) {
            throw new ConfigException("ingest.max_retries, ingest.rate_limit_requests_per_minute and "
                    + "ingest.rate_limit_delay_seconds must not be negative");
        }
        if (!java.util.Set.of("quarantine", "keep").contains(ingest.guardrails().suspectAction())) {
            throw new ConfigException("ingest.guardrails.suspect_action '" + ingest.guardrails().suspectAction()
                    + "' must be quarantine or keep");
        }
        validateGuardrails(ingest.guardrails());
        validateSignal(ingest.synthetic().signal());
        if (!java.util.Set.of("synthetic", "csv", "http").contains(ingest.provider())) {
            throw new ConfigException("ingest.provider '" + ingest.provider() + "' is not one of synthetic, csv, http");
        }
        validateSentiment(config.sentiment());
        validateIdentity(config.identity());
        positive("progress.snapshot_seconds", config.progress().snapshotSeconds());
        validateRelease(config.release(), config.candidate());
        PipelineConfig.Features features = config.features();
        positive("features.forecast_horizon_days", features.forecastHorizonDays());
        if (features.warmupBars() < 0) {
            throw new ConfigException("features.warmup_bars must be >= 0, got " + features.warmupBars());
        }
        if (features.sets().isEmpty()) {
            throw new ConfigException("features.sets is empty; name at least one feature set (conf/features/<name>.yaml)");
        }
        if (!Set.of(PipelineConfig.Features.DROP, PipelineConfig.Features.KEEP).contains(features.warmupPolicy())) {
            throw new ConfigException("features.warmup_policy '" + features.warmupPolicy() + "' must be drop or keep");
        }
        if (features.maxRowsPerSymbol() < 0) {
            throw new ConfigException("features.max_rows_per_symbol must be 0 (all rows) or positive, got "
                    + features.maxRowsPerSymbol());
        }
        PipelineConfig.CandidateTargets targets = features.candidateTargets();
        targets.horizons().forEach(h -> positive("features.candidate_targets.horizons", h));
        for (double t : targets.thresholds()) {
            if (!(t >= 0 && t < 1)) {
                throw new ConfigException("features.candidate_targets.thresholds must be in [0, 1), got " + t);
            }
        }
        for (String kind : targets.kinds()) {
            if (!PipelineConfig.CandidateTargets.KINDS.contains(kind)) {
                throw new ConfigException("features.candidate_targets.kinds: '" + kind + "' is not one of "
                        + PipelineConfig.CandidateTargets.KINDS);
            }
        }
        if (features.labelThreshold() < 0) {
            throw new ConfigException("features.label_threshold must be >= 0, got " + features.labelThreshold());
        }
        PipelineConfig.Training training = config.training();
        positive("training.window_days", training.windowDays());
        positive("training.step_days", training.stepDays());
        positive("training.min_samples", training.minSamples());
        fraction("training.train_fraction", training.trainFraction());
        fraction("training.min_train_fraction", training.minTrainFraction());
        fraction("training.student.train_fraction", training.student().trainFraction());
        if (training.student().numWorkers() < 0) {
            throw new ConfigException("training.student.num_workers must be 0 (one per Spark core) or positive, got "
                    + training.student().numWorkers());
        }
        positive("training.student.nthread", training.student().nthread());
        positive("training.teacher.nthread", training.teacher().nthread());
        if (!PipelineConfig.Teacher.MODES.contains(training.teacher().mode())) {
            throw new ConfigException("training.teacher.mode '" + training.teacher().mode() + "' is not one of "
                    + String.join(", ", PipelineConfig.Teacher.MODES));
        }
        if (training.teacher().taskPartitions() < 0 || training.teacher().distributedWorkers() < 0) {
            throw new ConfigException("training.teacher.task_partitions and training.teacher.distributed_workers must be 0 "
                    + "(one per Spark core) or positive, got " + training.teacher().taskPartitions() + " and "
                    + training.teacher().distributedWorkers());
        }
        for (String mode : config.bench().teachers().modes()) {
            if (!PipelineConfig.Teacher.MODES.contains(mode) && !mode.equals(PipelineConfig.BenchTeachers.SEQUENTIAL)) {
                throw new ConfigException("bench.teachers.modes: '" + mode + "' is not one of "
                        + String.join(", ", PipelineConfig.Teacher.MODES) + ", " + PipelineConfig.BenchTeachers.SEQUENTIAL);
            }
        }
        if (config.bench().teachers().nativeStudentNthread() < 0) {
            throw new ConfigException("bench.teachers.native_student_nthread must be 0 (one per Spark core) or positive, got "
                    + config.bench().teachers().nativeStudentNthread());
        }
        if (training.featureColumns().isEmpty()) {
            throw new ConfigException("training.feature_columns is empty; name at least one feature column");
        }
        validateReward(config.reward());
        validateStatTests(config.statTests());
        validateRanking(config);
        validateBenchFeatures(config.bench().features());
        List<String> classes = config.validation().classes();
        if (classes.size() != 3) {
            throw new ConfigException("validation.classes must name the 3 label classes (down, neutral, up), got " + classes);
        }
        if (config.validation().icMinSymbols() < 2) {
            throw new ConfigException("validation.ic_min_symbols must be at least 2 (a correlation needs two symbols), got "
                    + config.validation().icMinSymbols());
        }
        validateStressTests(config.stressTests());
    }

    private static void validateRanking(PipelineConfig config) {
        PipelineConfig.Ranking ranking = config.ranking();
        if (!PipelineConfig.Ranking.VIEWS.contains(ranking.chooseBy())) {
            throw new ConfigException("ranking.choose_by '" + ranking.chooseBy() + "' is not one of " + PipelineConfig.Ranking.VIEWS);
        }
        positive("ranking.folds", ranking.folds());
        positive("ranking.min_train_rows", ranking.minTrainRows());
        positive("ranking.nthread", ranking.nthread());
        positive("ranking.min_selection_sessions", ranking.minSelectionSessions());
        if (ranking.maxRows() < 0 || ranking.maxSymbols() < 0 || ranking.maxRowsPerSymbol() < 0 || ranking.purgeSessions() < 0) {
            throw new ConfigException("ranking.max_rows, ranking.max_symbols, ranking.max_rows_per_symbol and "
                    + "ranking.purge_sessions must not be negative (0: no cap / the horizon)");
        }
        for (String kind : config.features().candidateTargets().kinds()) {
            Map<String, Object> objective = ranking.objectives().get(kind);
            if (objective == null || !(objective.get("objective") instanceof String)) {
                throw new ConfigException("ranking.objectives." + kind + ".objective is not set; candidate kind '" + kind
                        + "' needs an XGBoost objective");
            }
        }
        if (config.models().xgboost().hyperparameters().ranking() == null
                || config.models().xgboost().hyperparameters().selection() == null) {
            throw new ConfigException("models.xgboost.hyperparameters needs 'ranking' and 'selection' entries");
        }
        PipelineConfig.Selection selection = config.selection();
        positive("selection.top_k", selection.topK());
        positive("selection.permutation_repeats", selection.permutationRepeats());
        positive("selection.nthread", selection.nthread());
        fraction("selection.validation_fraction", selection.validationFraction());
        unitInterval("selection.correlation_threshold", selection.correlationThreshold());
        if (selection.maxRows() < 0) {
            throw new ConfigException("selection.max_rows must be 0 (all rows) or positive, got " + selection.maxRows());
        }
        PipelineConfig.LeakageDetection leakage = config.safety().leakageDetection();
        positive("safety.leakage_detection.max_attempts", leakage.maxAttempts());
        unitInterval("safety.leakage_detection.auto_fix_thresholds.cv_score", leakage.autoFixThresholds().cvScore());
        unitInterval("safety.leakage_detection.auto_fix_thresholds.training_accuracy", leakage.autoFixThresholds().trainingAccuracy());
        unitInterval("safety.leakage_detection.single_feature_accuracy", leakage.singleFeatureAccuracy());
        unitInterval("safety.leakage_detection.future_return_spearman", leakage.futureReturnSpearman());
        validatePointInTime(leakage.pointInTime());
    }

    private static void validatePointInTime(PipelineConfig.PointInTime pit) {
        positive("safety.leakage_detection.point_in_time.symbols", pit.symbols());
        positive("safety.leakage_detection.point_in_time.cutoffs", pit.cutoffs());
        if (!Set.of(PipelineConfig.PointInTime.FAIL, PipelineConfig.PointInTime.EXCLUDE).contains(pit.action())) {
            throw new ConfigException("safety.leakage_detection.point_in_time.action '" + pit.action()
                    + "' must be fail or exclude");
        }
        if (!(pit.tolerance() >= 0) || Double.isInfinite(pit.tolerance())) {
            throw new ConfigException("safety.leakage_detection.point_in_time.tolerance must be a finite number >= 0, got "
                    + pit.tolerance());
        }
    }

    private static void validateBenchFeatures(PipelineConfig.BenchFeatures bench) {
        for (String dataset : bench.datasets()) {
            if (!Set.of(PipelineConfig.BenchFeatures.DAILY, PipelineConfig.BenchFeatures.MINUTE).contains(dataset)) {
                throw new ConfigException("bench.features.datasets: '" + dataset + "' is not one of daily, minute");
            }
        }
        if (!bench.dailyStartDate().isBefore(bench.dailyEndDate())
                || !bench.minuteStartDate().isBefore(bench.minuteEndDate())) {
            throw new ConfigException("bench.features: each start date must be before its end date (daily "
                    + bench.dailyStartDate() + ".." + bench.dailyEndDate() + ", minute " + bench.minuteStartDate()
                    + ".." + bench.minuteEndDate() + ")");
        }
        positive("bench.features.daily_symbols", bench.dailySymbols());
        positive("bench.features.minute_symbols", bench.minuteSymbols());
        positive("bench.features.data_files", bench.dataFiles());
        positive("bench.features.shuffle_partitions_per_core", bench.shufflePartitionsPerCore());
        positive("bench.features.repetitions", bench.repetitions());
        positive("bench.features.warmup_symbols", bench.warmupSymbols());
        positive("bench.features.warmup_bars", bench.warmupBars());
        if (!bench.reportName().matches("[A-Za-z0-9_.-]+")) {
            throw new ConfigException("bench.features.report_name '" + bench.reportName()
                    + "' must be a plain file name (letters, digits, '_', '.', '-')");
        }
    }

    private static void validateGuardrails(PipelineConfig.Guardrails g) {
        if (!(g.jumpVolatilityMultiple() > 0 && g.sharedMoveVolatilityMultiple() > 0
                && g.sharedMoveVolatilityMultiple() <= g.jumpVolatilityMultiple())) {
            throw new ConfigException("ingest.guardrails.jump_volatility_multiple and shared_move_volatility_multiple must be "
                    + "positive, the shared one at most the jump one; got " + g.jumpVolatilityMultiple() + " and "
                    + g.sharedMoveVolatilityMultiple());
        }
        positive("ingest.guardrails.jump_lookback_bars", g.jumpLookbackBars());
        positive("ingest.guardrails.jump_reversal_bars", g.jumpReversalBars());
        if (g.sharedMinSymbols() < 2) {
            throw new ConfigException("ingest.guardrails.shared_min_symbols must be at least 2 (a move of one symbol is "
                    + "not shared), got " + g.sharedMinSymbols());
        }
        unitInterval("ingest.guardrails.jump_reversal_fraction", g.jumpReversalFraction());
        unitInterval("ingest.guardrails.shared_min_share", g.sharedMinShare());
    }

    private static void validateSignal(PipelineConfig.Signal signal) {
        if (!java.util.Set.of(PipelineConfig.Signal.NONE, PipelineConfig.Signal.MEAN_REVERSION).contains(signal.kind())) {
            throw new ConfigException("ingest.synthetic.signal.kind '" + signal.kind() + "' is not one of none, mean_reversion");
        }
        if (!(signal.strength() >= 0 && signal.strength() < 1)) {
            throw new ConfigException("ingest.synthetic.signal.strength must be in [0, 1) (a fraction of the idiosyncratic "
                    + "volatility per session), got " + signal.strength());
        }
        positive("ingest.synthetic.signal.lookback_sessions", signal.lookbackSessions());
    }

    private static void validateSentiment(PipelineConfig.Sentiment sentiment) {
        if (!SENTIMENT_SOURCES.contains(sentiment.source())) {
            throw new ConfigException("sentiment.source '" + sentiment.source() + "' is not one of synthetic, csv");
        }
        unitInterval("sentiment.synthetic_coverage", sentiment.syntheticCoverage());
        unitInterval("sentiment.synthetic_persistence", sentiment.syntheticPersistence());
        if (!(sentiment.syntheticNoise() >= 0 && Double.isFinite(sentiment.syntheticNoise()))) {
            throw new ConfigException("sentiment.synthetic_noise must be a finite number >= 0, got " + sentiment.syntheticNoise());
        }
        if (sentiment.enabled() && sentiment.source().equals("csv")
                && (sentiment.csvPath() == null || sentiment.csvPath().isBlank())) {
            throw new ConfigException("sentiment.csv_path is not set; sentiment.source csv needs a csv file with header "
                    + "symbol,date,score[,articles] (or set sentiment.source=synthetic, or sentiment.enabled=false)");
        }
    }

    private static void validateReward(PipelineConfig.Reward reward) {
        if (!(Double.isFinite(reward.clipMin()) && Double.isFinite(reward.clipMax())
                && reward.clipMin() <= 0 && reward.clipMax() >= 0 && reward.clipMin() < reward.clipMax())) {
            throw new ConfigException("reward.clip_min (" + reward.clipMin() + ") and reward.clip_max (" + reward.clipMax()
                    + ") must be finite with clip_min <= 0 <= clip_max and clip_min < clip_max");
        }
        if (!PipelineConfig.Reward.WEIGHTINGS.contains(reward.weighting())) {
            throw new ConfigException("reward.weighting '" + reward.weighting() + "' is not one of "
                    + PipelineConfig.Reward.WEIGHTINGS);
        }
        if (!(reward.scale() >= 0 && Double.isFinite(reward.scale()))) {
            throw new ConfigException("reward.scale must be a finite number >= 0, got " + reward.scale());
        }
        if (!(reward.minWeight() > 0 && reward.minWeight() <= 1)) {
            throw new ConfigException("reward.min_weight must be in (0, 1], got " + reward.minWeight());
        }
        if (!(reward.gamma() > 0 && reward.gamma() <= 1)) {
            throw new ConfigException("reward.gamma must be in (0, 1] (1: earlier batches do not decay), got " + reward.gamma());
        }
        positive("reward.batches", reward.batches());
    }

    private static void validateStressTests(PipelineConfig.StressTests stress) {
        if (!(stress.riskFreeRate() > -1 && stress.riskFreeRate() < 1)) {
            throw new ConfigException("stress_tests.risk_free_rate must be an annual rate in (-1, 1), got " + stress.riskFreeRate());
        }
        unitInterval("stress_tests.equity_weight", stress.equityWeight());
        positive("stress_tests.min_train_rows", stress.minTrainRows());
        if (stress.minPeriodSessions() < 2) {
            throw new ConfigException("stress_tests.min_period_sessions must be at least 2 (a Sharpe ratio needs two returns), got "
                    + stress.minPeriodSessions());
        }
        PipelineConfig.SharpeCi ci = stress.sharpeCi();
        if (!(ci.confidence() > 0 && ci.confidence() < 1)) {
            throw new ConfigException("stress_tests.sharpe_ci.confidence must be in (0, 1), got " + ci.confidence());
        }
        if (ci.minLags() < 0) {
            throw new ConfigException("stress_tests.sharpe_ci.min_lags must be >= 0, got " + ci.minLags());
        }
        if (!Double.isFinite(ci.passFloor())) {
            throw new ConfigException("stress_tests.sharpe_ci.pass_floor must be a finite annualised Sharpe ratio, got "
                    + ci.passFloor());
        }
        PipelineConfig.FailureModes modes = stress.failureModes();
        unitInterval("stress_tests.failure_modes.overfit_accuracy_gap", modes.overfitAccuracyGap());
        unitInterval("stress_tests.failure_modes.regime_accuracy_drop", modes.regimeAccuracyDrop());
        if (!(modes.regimeVolatilityRatio() > 0) || !(modes.blackSwanDrawdownMultiple() > 0)) {
            throw new ConfigException("stress_tests.failure_modes.regime_volatility_ratio and black_swan_drawdown_multiple "
                    + "must be positive, got " + modes.regimeVolatilityRatio() + " and " + modes.blackSwanDrawdownMultiple());
        }
        PipelineConfig.Resilience r = stress.resilience();
        unitInterval("stress_tests.resilience.drawdown_weight", r.drawdownWeight());
        unitInterval("stress_tests.resilience.precision_weight", r.precisionWeight());
        unitInterval("stress_tests.resilience.sharpe_weight", r.sharpeWeight());
        if (Math.abs(r.drawdownWeight() + r.precisionWeight() + r.sharpeWeight() - 1) > 1e-9) {
            throw new ConfigException("stress_tests.resilience: drawdown_weight + precision_weight + sharpe_weight must be 1, got "
                    + (r.drawdownWeight() + r.precisionWeight() + r.sharpeWeight()));
        }
        if (!(r.drawdownLimit() > 0 && r.drawdownLimit() <= 1) || !(r.sharpeCap() > 0)) {
            throw new ConfigException("stress_tests.resilience.drawdown_limit must be in (0, 1] and sharpe_cap positive, got "
                    + r.drawdownLimit() + " and " + r.sharpeCap());
        }
        if (!(r.passThreshold() >= 0 && r.passThreshold() <= 100)) {
            throw new ConfigException("stress_tests.resilience.pass_threshold must be between 0 and 100, got " + r.passThreshold());
        }
    }

    private static void validateStatTests(PipelineConfig.StatTests stat) {
        PipelineConfig.WalkForward walk = stat.walkForward();
        positive("stat_tests.walk_forward.train_months", walk.trainMonths());
        positive("stat_tests.walk_forward.test_months", walk.testMonths());
        positive("stat_tests.walk_forward.folds", walk.folds());
        positive("stat_tests.walk_forward.min_train_rows", walk.minTrainRows());
        positive("stat_tests.walk_forward.min_test_rows", walk.minTestRows());
        positive("stat_tests.walk_forward.min_completed_folds", walk.minCompletedFolds());
        PipelineConfig.Bootstrap bootstrap = stat.bootstrap();
        positive("stat_tests.bootstrap.iterations", bootstrap.iterations());
        fraction("stat_tests.bootstrap.confidence", bootstrap.confidence());
        // hac_lag >= the target horizon is checked where the horizon is known (STAT_TESTS, after target ranking)
        if (stat.inference().hacLag() < 0 || stat.inference().meanBlockLength() < 0) {
            throw new ConfigException("stat_tests.inference.hac_lag and mean_block_length must be >= 0 (0: the default), got "
                    + stat.inference().hacLag() + " and " + stat.inference().meanBlockLength());
        }
        if (!Double.isFinite(bootstrap.sharpeThreshold())) {
            throw new ConfigException("stat_tests.bootstrap.sharpe_threshold must be a finite number, got "
                    + bootstrap.sharpeThreshold());
        }
        fraction("stat_tests.hypothesis.alpha", stat.hypothesis().alpha());
        if (!(stat.strategy().costBps() >= 0 && Double.isFinite(stat.strategy().costBps()))) {
            throw new ConfigException("stat_tests.strategy.cost_bps must be a finite number >= 0, got "
                    + stat.strategy().costBps());
        }
        positive("stat_tests.strategy.annualization_days", stat.strategy().annualizationDays());
        if (stat.benchmark().indexName() == null || stat.benchmark().indexName().isBlank()) {
            throw new ConfigException("stat_tests.benchmark.index_name is empty; name the index the strategy is compared with");
        }
    }

    /** A value in [0, 1], both ends included. */
    private static void unitInterval(String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new ConfigException(key + " must be between 0 and 1 (inclusive), got " + value);
        }
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw new ConfigException(key + " must be a positive integer, got " + value);
        }
    }

    private static void fraction(String key, double value) {
        if (!(value > 0 && value < 1)) {
            throw new ConfigException(key + " must be between 0 and 1 (exclusive), got " + value);
        }
    }

    private static void validateRelease(PipelineConfig.Release release, PipelineConfig.Candidate candidate) {
        closedUnit("release.min_stress_pass_share", release.minStressPassShare());
        closedUnit("release.max_skipped_window_share", release.maxSkippedWindowShare());
        closedUnit("candidate.approval_threshold", candidate.approvalThreshold());
        if (release.minSkillMargin() < 0 || release.minDateRangeDays() < 0
                || !(release.minSentimentCoveragePct() >= 0 && release.minSentimentCoveragePct() <= 100)) {
            throw new ConfigException("release.min_skill_margin and release.min_date_range_days must be >= 0 and "
                    + "release.min_sentiment_coverage_pct in [0, 100]");
        }
        if (release.registeredBy() == null || release.registeredBy().isBlank()) {
            throw new ConfigException("release.registered_by must name who registers a run (e.g. sensequant-run)");
        }
    }

    private static void closedUnit(String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new ConfigException(key + " must be between 0 and 1, got " + value);
        }
    }

    private static void validateIdentity(PipelineConfig.Identity identity) {
        io.sensequant.identity.IdentityMode.parse(identity.mode(), "identity.mode");
        for (Map.Entry<String, List<String>> stage : identity.required().entrySet()) {
            if (java.util.Arrays.stream(io.sensequant.snapshot.Stage.values()).noneMatch(s -> s.name().equals(stage.getKey()))) {
                throw new ConfigException("identity.required." + stage.getKey() + ": not a stage; stages are "
                        + java.util.Arrays.toString(io.sensequant.snapshot.Stage.values()));
            }
            for (String signature : stage.getValue()) {
                if (!io.sensequant.identity.StageIdentity.SIGNATURES.contains(signature)) {
                    throw new ConfigException("identity.required." + stage.getKey() + ": '" + signature
                            + "' is not a signature; signatures are " + io.sensequant.identity.StageIdentity.SIGNATURES);
                }
            }
        }
        PipelineConfig.StrictPins pins = identity.strictPins();
        positive("identity.strict_pins.shuffle_partitions", pins.shufflePartitions());
        positive("identity.strict_pins.xgboost_nthread", pins.xgboostNthread());
    }
}
