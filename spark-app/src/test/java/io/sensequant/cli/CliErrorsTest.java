package io.sensequant.cli;

import io.sensequant.spark.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Usage and config errors: exit code 2 and one line that names the culprit, no stack trace. */
class CliErrorsTest {
    @TempDir
    Path dir;

    static void assertUserError(CommandOutput output, String... culprits) {
        assertEquals(SenseQuant.USAGE, output.exitCode(), output.err());
        String message = output.err().strip();
        assertEquals(1, message.lines().count(), "one line expected, got:\n" + message);
        assertFalse(message.contains("\tat ") || message.contains("Exception"), message);
        for (String culprit : culprits) {
            assertTrue(message.contains(culprit), "'" + culprit + "' not named in: " + message);
        }
    }

    @Test
    void badSetKey() {
        assertUserError(CommandOutput.run("run", "--set", "training.windw_days=30", "--lake", dir.toString()),
                "training.windw_days", "training.window_days");
    }

    @Test
    void wronglyTypedSetValue() {
        assertUserError(CommandOutput.run("run", "--set", "training.window_days=long", "--lake", dir.toString()),
                "training.window_days", "integer");
    }

    @Test
    void unknownProfile() {
        assertUserError(CommandOutput.run("run", "--profile", "fast", "--lake", dir.toString()), "'fast'", "debug");
    }

    @Test
    void unparseableDate() {
        assertUserError(CommandOutput.run("run", "--start-date", "2019-13-45", "--lake", dir.toString()),
                "--start-date", "2019-13-45", "YYYY-MM-DD");
    }

    @Test
    void symbolOutsideTheUniverse() {
        assertUserError(CommandOutput.run("run", "--symbols", "TCS,NOTASYMBOL", "--lake", dir.toString()), "NOTASYMBOL");
    }

    @Test
    void unknownOption() {
        assertUserError(CommandOutput.run("run", "--colour", "blue"), "--colour");
    }

    @Test
    void historyOfAMissingTable() {
        SharedSpark.get();
        assertUserError(CommandOutput.run("history", "--table", "nope", "--lake", dir.toString()), "nope");
    }

    @Test
    void badSqlNamesTheProblem() {
        SharedSpark.get();
        assertUserError(CommandOutput.run("sql", "select * from no_such_table", "--lake", dir.toString()), "no_such_table");
    }
}
