package io.sensequant.cli;

import io.sensequant.config.ConfDir;
import io.sensequant.config.ConfigRequest;
import io.sensequant.config.EffectiveConfig;
import io.sensequant.market.MarketData;
import io.sensequant.market.TradingCalendar;
import io.sensequant.market.Universe;

import java.util.List;

/** What every pipeline command loads before Spark starts: the effective config, its universe and its calendar. */
record RunSetup(EffectiveConfig config, Universe universe, TradingCalendar calendar) {

    static RunSetup load(ConfigOptions options, List<ConfigRequest.Shorthand> shorthands) {
        EffectiveConfig config = options.load(shorthands);
        MarketData market = new MarketData(ConfDir.locate());
        Universe universe = market.universe(config.typed().run().universe());
        TradingCalendar calendar = market.calendar(config.typed().run().calendar());
        market.stressPeriods();
        return new RunSetup(config, universe, calendar);
    }

    /** Adds {@code option value} as a shorthand for {@code key=value} when the option was given. */
    static void shorthand(List<ConfigRequest.Shorthand> shorthands, String option, String key, String value) {
        if (value != null) {
            shorthands.add(new ConfigRequest.Shorthand(option, key, value));
        }
    }
}
