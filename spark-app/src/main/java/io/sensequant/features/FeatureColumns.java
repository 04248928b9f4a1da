package io.sensequant.features;

import io.sensequant.config.PipelineConfig;

import java.util.List;

/** The seed15 column names, derived from the configured windows (defaults give the original system's names). */
public record FeatureColumns(PipelineConfig.Seed15 windows) {
    public static final String DATE = "date";
    public static final String BAR_INDEX = "bar_index";
    public static final String FORWARD_RETURN = "fwd_return";
    public static final String LABEL = "label";

    public String returnShort() {
        return "ret_" + windows.returnShort() + "d";
    }

    public String returnLong() {
        return "ret_" + windows.returnLong() + "d";
    }

    public String smaShort() {
        return "sma_" + windows.smaShort();
    }

    public String smaLong() {
        return "sma_" + windows.smaLong();
    }

    public String emaFast() {
        return "ema_" + windows.emaFast();
    }

    public String emaSlow() {
        return "ema_" + windows.emaSlow();
    }

    public String rsi() {
        return "rsi_" + windows.rsi();
    }

    public String bollingerUpper() {
        return "bb_upper_" + windows.bollinger();
    }

    public String bollingerLower() {
        return "bb_lower_" + windows.bollinger();
    }

    public String bollingerPercentB() {
        return "bb_pctb_" + windows.bollinger();
    }

    public String atr() {
        return "atr_" + windows.atr();
    }

    public String volumeZ() {
        return "volume_z_" + windows.volumeZ();
    }

    public String closeToSmaShort() {
        return "close_to_" + smaShort();
    }

    public String closeToSmaLong() {
        return "close_to_" + smaLong();
    }

    public String macdHistPct() {
        return "macd_hist_pct";
    }

    public String atrPct() {
        return "atr_pct_" + windows.atr();
    }

    /** The 15 indicators of the original system, in its order. */
    public List<String> seed15() {
        return List.of(returnShort(), returnLong(), smaShort(), smaLong(), emaFast(), emaSlow(), "macd", "macd_signal",
                "macd_hist", rsi(), bollingerUpper(), bollingerLower(), bollingerPercentB(), atr(), volumeZ());
    }

    /** Scale-free companions of the price-level indicators, so one model can compare symbols. */
    public List<String> scaleFree() {
        return List.of(closeToSmaShort(), closeToSmaLong(), macdHistPct(), atrPct());
    }

    public List<String> all() {
        return java.util.stream.Stream.concat(seed15().stream(), scaleFree().stream()).toList();
    }
}
