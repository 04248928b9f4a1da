package io.sensequant.ingest;

import io.sensequant.config.ConfDir;
import io.sensequant.config.ConfigException;
import io.sensequant.market.MarketData;
import io.sensequant.config.PipelineConfig;
import io.sensequant.pipeline.RunContext;

/** Builds the chunk source named by {@code ingest.provider}. */
public final class Providers {
    private Providers() {
    }

    static ChunkSource source(RunContext context) {
        PipelineConfig config = context.config();
        return switch (config.ingest().provider()) {
            case "synthetic" -> new SyntheticSource(synthetic(context));
            case "csv" -> new FetcherSource(context.spark(), new CsvChunkFetcher(requireCsvPath(config)),
                    config.ingest().fetchParallelism());
            case "http" -> {
                PipelineConfig.Ingest ingest = config.ingest();
                ProviderSecrets secrets = new ProviderSecretsLoader(ingest.http(), System.getenv()).load();
                RateLimiter limiter = new RateLimiter(ingest.rateLimitRequestsPerMinute(), ingest.rateLimitDelaySeconds());
                yield new FetcherSource(context.spark(), new HttpChunkFetcher(ingest, secrets, limiter, config.run().baseSeed()),
                        ingest.fetchParallelism());
            }
            default -> throw new ConfigException("ingest.provider '" + config.ingest().provider() + "' is not one of synthetic, csv, http");
        };
    }

    /** The synthetic generator with the universe's sectors (co-movement) and the stress periods (volatility and correlation shocks). */
    static SyntheticChunks synthetic(RunContext context) {
        PipelineConfig config = context.config();
        return new SyntheticChunks(context.spark(), config.ingest().synthetic(), config.run().baseSeed(), context.calendar(),
                SyntheticChunks.sectors(context.universe()), new MarketData(ConfDir.locate()).stressPeriods());
    }

    /**
     * What a provider needs before anything is fetched, checked without touching it (a dry run): a csv source must
     * exist, an http provider needs its base URL. Secrets are not read here.
     */
    public static void checkConfigured(PipelineConfig config) {
        switch (config.ingest().provider()) {
            case "csv" -> {
                String path = requireCsvPath(config).path();
                if (!java.nio.file.Files.exists(java.nio.file.Path.of(path))) {
                    throw new ConfigException("ingest.csv.path " + path + " does not exist; point --path at a directory of "
                            + "SYMBOL.csv files or at one long csv file");
                }
            }
            case "http" -> {
                if (config.ingest().http().baseUrl().isBlank()) {
                    throw new ConfigException("ingest.provider http needs ingest.http.base_url (the provider's historical-charts endpoint)");
                }
            }
            default -> {
            }
        }
    }

    /** The csv settings, checked: a csv ingest needs a path. */
    static PipelineConfig.Csv requireCsvPath(PipelineConfig config) {
        if (config.ingest().csv().path().isBlank()) {
            throw new ConfigException("ingest.provider csv needs a source: pass --path DIR_OR_FILE or set ingest.csv.path");
        }
        return config.ingest().csv();
    }

    /** Every symbol a csv source holds (file names, or the symbol column of a long file). */
    public static java.util.List<String> csvSymbols(PipelineConfig config) {
        return new CsvChunkFetcher(requireCsvPath(config)).symbols();
    }

    /** The provider's name for a symbol: the universe's stock code for http, the symbol itself otherwise. */
    static String providerCode(RunContext context, String symbol) {
        if (!context.config().ingest().provider().equals("http")) {
            return symbol;
        }
        return context.universe().member(symbol).map(UniverseCode::of).orElseThrow(() -> new ConfigException(
                "symbol " + symbol + " has no stock_code in conf/universe/" + context.universe().name()
                        + ".yaml; the http provider needs it"));
    }

    private static final class UniverseCode {
        static String of(io.sensequant.market.UniverseMember member) {
            if (member.stockCode() == null || member.stockCode().isBlank()) {
                throw new ConfigException("symbol " + member.symbol() + " has an empty stock_code in the universe file");
            }
            return member.stockCode();
        }
    }
}
