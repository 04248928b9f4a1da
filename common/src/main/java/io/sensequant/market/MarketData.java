package io.sensequant.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sensequant.config.ConfDir;
import io.sensequant.config.ConfigException;
import io.sensequant.config.Yaml;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Loads the reference data under conf/: universes, exchange calendars and stress periods, with validation. */
public final class MarketData {
    private final ConfDir conf;

    public MarketData(ConfDir conf) {
        this.conf = conf;
    }

    public Universe universe(String name) {
        String file = "universe/" + name + ".yaml";
        if (!name.matches("[A-Za-z0-9_-]+") || !conf.exists(file)) {
            throw new ConfigException("run.universe '" + name + "': no file " + conf.describe(file));
        }
        String source = conf.describe(file);
        Universe universe = Yaml.bind(Yaml.parseObject(conf.require(file), source), Universe.class, source);
        Set<String> seen = new HashSet<>();
        Set<String> codes = new HashSet<>();
        for (UniverseMember member : universe.symbols()) {
            SymbolNames.requireValid(member.symbol(), source);
            if (!seen.add(member.symbol())) {
                throw new ConfigException(source + ": symbol " + member.symbol() + " is listed twice");
            }
            if (member.stockCode() != null && !codes.add(member.stockCode())) {
                throw new ConfigException(source + ": stock_code " + member.stockCode() + " (" + member.symbol()
                        + ") is used by two symbols");
            }
        }
        universe.groups().forEach((group, members) -> members.forEach(symbol -> {
            if (!seen.contains(symbol)) {
                throw new ConfigException(source + ": group '" + group + "' names " + symbol + ", which is not in symbols");
            }
        }));
        return universe;
    }

    public TradingCalendar calendar(String name) {
        String file = "calendar/" + name + ".yaml";
        if (!name.matches("[A-Za-z0-9_-]+") || !conf.exists(file)) {
            throw new ConfigException("run.calendar '" + name + "': no file " + conf.describe(file));
        }
        String source = conf.describe(file);
        ObjectNode tree = Yaml.parseObject(conf.require(file), source);
        try {
            Set<DayOfWeek> weekend = new LinkedHashSet<>();
            tree.path("weekend").forEach(day -> weekend.add(DayOfWeek.valueOf(day.asText().toUpperCase())));
            Set<LocalDate> holidays = new LinkedHashSet<>();
            int row = 0;
            for (JsonNode holiday : tree.path("holidays")) {
                row++;
                String date = holiday.path("date").asText();
                try {
                    holidays.add(LocalDate.parse(date));
                } catch (DateTimeParseException e) {
                    throw new ConfigException(source + ": holiday #" + row + " has date '" + date + "', expected YYYY-MM-DD");
                }
            }
            return new TradingCalendar(tree.path("exchange").asText(name), tree.path("timezone").asText(),
                    LocalTime.parse(tree.path("session").path("open").asText()),
                    LocalTime.parse(tree.path("session").path("close").asText()), weekend, holidays);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
    }

    public List<StressPeriod> stressPeriods() {
        String file = "stress_periods.yaml";
        String source = conf.describe(file);
        record File(List<StressPeriod> periods) {
        }
        List<StressPeriod> periods = Yaml.bind(Yaml.parseObject(conf.require(file), source), File.class, source).periods();
        for (StressPeriod period : periods) {
            if (!period.start().isBefore(period.end())) {
                throw new ConfigException(source + ": stress period '" + period.id() + "' starts " + period.start()
                        + ", not before its end " + period.end());
            }
        }
        return periods;
    }
}
