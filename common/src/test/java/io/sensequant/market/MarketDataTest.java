package io.sensequant.market;

import io.sensequant.config.ConfDir;
import io.sensequant.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarketDataTest {
    final MarketData data = new MarketData(ConfDir.of(Path.of("..", "conf")));

    @Test
    void nifty100UniverseHas100EquitiesAndTwoMetalEtfs() {
        Universe universe = data.universe("nifty100");
        assertEquals(102, universe.symbols().size());
        assertEquals(100, universe.symbols().stream().filter(m -> m.kind().equals("equity")).count());
        assertEquals(List.of("GOLDBEES", "SILVERBEES"), universe.groups().get("metals"));
        assertEquals("RELIND", universe.member("RELIANCE").orElseThrow().stockCode());
    }

    @Test
    void selectRejectsSymbolsOutsideTheUniverseByName() {
        Universe universe = data.universe("nifty100");
        ConfigException e = assertThrows(ConfigException.class, () -> universe.select(List.of("TCS", "NOPE"), "--symbols"));
        assertTrue(e.getMessage().contains("NOPE") && e.getMessage().contains("--symbols"), e.getMessage());
        assertEquals(List.of("TCS"), universe.select(List.of("TCS", "TCS"), "--symbols"));
    }

    @Test
    void nseCalendarSkipsWeekendsAndHolidays() {
        TradingCalendar nse = data.calendar("nse");
        assertFalse(nse.isTradingDay(LocalDate.of(2024, 1, 26)), "Republic Day");
        assertFalse(nse.isTradingDay(LocalDate.of(2024, 1, 27)), "Saturday");
        assertTrue(nse.isTradingDay(LocalDate.of(2024, 1, 25)));
        int sessions2023 = nse.tradingDays(LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31)).size();
        assertTrue(sessions2023 >= 240 && sessions2023 <= 252, "NSE has ~245-250 sessions a year, got " + sessions2023);
        assertEquals(LocalDate.of(2024, 1, 29), nse.addSessions(LocalDate.of(2024, 1, 25), 1));
        assertEquals(1, nse.sessionsBetween(LocalDate.of(2024, 1, 25), LocalDate.of(2024, 1, 29)));
    }

    @Test
    void stressPeriodsLoadInOrder() {
        List<StressPeriod> periods = data.stressPeriods();
        assertEquals(9, periods.size());
        assertEquals("gfc_2008", periods.get(0).id());
        assertTrue(periods.stream().allMatch(p -> p.expectedDrawdown() < 0));
    }

    @Test
    void windowPlannerIsDeterministicAndLabelled() {
        List<TrainingWindow> windows = new WindowPlanner(180, 180)
                .plan("TCS", LocalDate.of(2022, 1, 1), LocalDate.of(2023, 12, 31));
        assertEquals(5, windows.size());
        assertEquals("TCS_2022-01-01_to_2022-06-29", windows.get(0).label());
        assertEquals(LocalDate.of(2023, 12, 31), windows.get(4).end());
        assertEquals(windows, new WindowPlanner(180, 180).plan("TCS", LocalDate.of(2022, 1, 1), LocalDate.of(2023, 12, 31)));
    }
}
