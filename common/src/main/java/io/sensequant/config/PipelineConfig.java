package io.sensequant.config;

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
        Models models) {

    public record Run(long baseSeed, String universe, String calendar, String profile, List<String> symbols,
                      LocalDate startDate, LocalDate endDate, String interval) {
    }

    public record Paths(String lakeRoot, String releaseDir) {
    }

    public record Spark(String master, String appName, int shufflePartitions, String sessionTimeZone,
                        boolean uiEnabled, Map<String, Object> conf) {
    }

    public record Lake(Map<String, String> ohlcvPartitionGranularity) {
    }

    public record Ingest(String provider, Synthetic synthetic) {
    }

    public record Synthetic(LocalDate originDate, double initialPriceMin, double initialPriceMax,
                            double annualDriftMin, double annualDriftMax, double annualVolMin, double annualVolMax,
                            double marketAnnualVol, double marketBetaMin, double marketBetaMax,
                            double intradayRangeVolFraction, double openGapVolFraction,
                            double baseVolumeMin, double baseVolumeMax, double volumeLogSigma,
                            double volumeReturnSensitivity, int tradingDaysPerYear) {
    }

    public record Features(int forecastHorizonDays, double labelThreshold, int recursiveLookbackBars, Seed15 seed15) {
    }

    public record Seed15(int returnShort, int returnLong, int smaShort, int smaLong, int emaFast, int emaSlow,
                         int macdSignal, int rsi, int bollinger, double bollingerK, int atr, int volumeZ) {
    }

    public record Training(List<String> featureColumns, int windowDays, int stepDays, int minSamples,
                           double trainFraction, double minTrainFraction, Teacher teacher, Student student) {
    }

    public record Teacher(int nthread, int taskPartitions) {
    }

    public record Student(int numWorkers, int nthread, double trainFraction) {
    }

    public record Validation(List<String> classes) {
    }

    public record Release(String candidateTableStatus) {
    }

    public record Models(Xgboost xgboost) {
    }

    public record Xgboost(String activeVariant, Hyperparameters hyperparameters,
                          Map<String, Map<String, Map<String, Object>>> variants) {
    }

    public record Hyperparameters(Map<String, Object> teacher, Map<String, Object> student) {
    }
}
