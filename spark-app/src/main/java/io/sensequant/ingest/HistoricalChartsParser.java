package io.sensequant.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a historical-charts answer: {"Status": 200, "Error": null, "Success": [{"datetime": "2022-01-03 09:15:00",
 * "open": "2451.5", ..., "volume": "123456", "stock_code": "RELIND"}]}. Numbers arrive as JSON numbers or as
 * strings; datetime is IST wall-clock time. The answer is sorted into what the caller must do with it: bars,
 * no data (an empty chunk, not an error), a body that did not arrive whole (retry), an error the provider
 * reported in the body, or a well-formed answer of the wrong shape (retrying will not change it).
 */
final class HistoricalChartsParser {
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String NO_DATA = "no data found";
    /** Provider text quoted in messages is cut to this length: enough to read, not a page of HTML. */
    static final int QUOTE_LIMIT = 200;

    /** Strict: trailing bytes after the JSON are an error, and parser errors never quote the body. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    sealed interface Parsed {
    }

    record Bars(List<Bar> bars, List<String> warnings) implements Parsed {
    }

    record NoData() implements Parsed {
    }

    /** Not valid JSON, typically cut off in transit: worth a retry. */
    record Malformed(String reason) implements Parsed {
    }

    /** The body's own Status is not a success (Breeze can answer HTTP 200 with {"Status": 500, ...}). */
    record ProviderError(int status, String error) implements Parsed {
    }

    /** Valid JSON that is not a historical-charts answer, or a row that cannot be read. */
    record Unexpected(String reason) implements Parsed {
    }

    private HistoricalChartsParser() {
    }

    static Parsed parse(String body, int httpStatus, ChunkRequest chunk) {
        if (httpStatus == 204) {
            return new NoData(); // "No Content" is an answer, not a body cut short
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            return new Malformed("malformed JSON body (" + e.getClass().getSimpleName() + at + ")");
        }
        if (root == null || root.isMissingNode()) {
            return new Malformed("empty body");
        }
        if (!root.isObject()) {
            return new Unexpected("expected a JSON object with Status, Error and Success, got " + root.getNodeType());
        }
        int status = status(root.get("Status"), httpStatus);
        String error = text(root.get("Error"));
        JsonNode success = root.get("Success");
        if (status < 200 || status >= 300) {
            return new ProviderError(status, error);
        }
        if (success == null || success.isNull() || (success.isArray() && success.isEmpty())) {
            boolean noData = error == null || error.toLowerCase(Locale.ROOT).contains(NO_DATA);
            return noData ? new NoData() : new ProviderError(status, error);
        }
        if (!success.isArray()) {
            return new Unexpected("Success is " + success.getNodeType() + ", expected an array of bars");
        }
        Parsed parsed = bars(success, chunk);
        if (error != null && !error.isBlank() && parsed instanceof Bars b) {
            // Rows and an error together: keep the rows, but do not hide the error.
            List<String> warnings = new ArrayList<>(b.warnings());
            warnings.add("the provider sent bars with Error " + quote(error));
            return new Bars(b.bars(), warnings);
        }
        return parsed;
    }

    private static Parsed bars(JsonNode rows, ChunkRequest chunk) {
        Instant from = chunk.start().atStartOfDay(HistoricalChartsRequests.PROVIDER_ZONE).toInstant();
        Instant until = chunk.end().plusDays(1).atStartOfDay(HistoricalChartsRequests.PROVIDER_ZONE).toInstant();
        List<Bar> bars = new ArrayList<>(rows.size());
        int outside = 0;
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            String where = "row " + (i + 1) + " of Success";
            if (!row.isObject()) {
                return new Unexpected(where + " is " + row.getNodeType() + ", expected an object");
            }
            String code = text(row.get("stock_code"));
            if (code != null && !code.equalsIgnoreCase(chunk.providerCode())) {
                return new Unexpected(where + " is for stock_code " + quote(code) + ", asked for "
                        + chunk.providerCode());
            }
            try {
                Instant ts = LocalDateTime.parse(required(row, "datetime", where), DATETIME)
                        .atZone(HistoricalChartsRequests.PROVIDER_ZONE).toInstant();
                Bar bar = new Bar(chunk.symbol(), chunk.interval(), ts, number(row, "open", where),
                        number(row, "high", where), number(row, "low", where), number(row, "close", where),
                        volume(row, where));
                if (ts.isBefore(from) || !ts.isBefore(until)) {
                    outside++;
                } else {
                    bars.add(bar);
                }
            } catch (DateTimeParseException e) {
                return new Unexpected(where + ": datetime " + quote(text(row.get("datetime")))
                        + " is not yyyy-MM-dd HH:mm:ss");
            } catch (IllegalArgumentException e) {
                return new Unexpected(e.getMessage());
            }
        }
        List<String> warnings = outside == 0 ? List.of() : List.of(outside + " bar(s) outside " + chunk.start()
                + ".." + chunk.end() + " in the provider's answer were dropped");
        return new Bars(bars, warnings);
    }

    private static String required(JsonNode row, String field, String where) {
        String value = text(row.get(field));
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(where + " has no " + field);
        }
        return value.strip();
    }

    private static double number(JsonNode row, String field, String where) {
        JsonNode node = row.get(field);
        if (node != null && node.isNumber()) {
            return node.doubleValue();
        }
        String text = required(row, field, where);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": " + field + " " + quote(text) + " is not a number");
        }
    }

    /** Volumes are whole numbers, but some feeds write them as 123456.0. */
    private static long volume(JsonNode row, String where) {
        JsonNode node = row.get("volume");
        String text = node != null && node.isNumber() ? node.asText() : required(row, "volume", where);
        try {
            return new BigDecimal(text).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(where + ": volume " + quote(text) + " is not a whole number");
        }
    }

    private static int status(JsonNode node, int httpStatus) {
        if (node == null || node.isNull()) {
            return httpStatus;
        }
        if (node.isNumber()) {
            return node.intValue();
        }
        try {
            return Integer.parseInt(node.asText().strip());
        } catch (NumberFormatException e) {
            return httpStatus;
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.isValueNode() ? node.asText() : node.toString();
    }

    static String quote(String text) {
        if (text == null) {
            return "(none)";
        }
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return "'" + (oneLine.length() > QUOTE_LIMIT ? oneLine.substring(0, QUOTE_LIMIT) + "..." : oneLine) + "'";
    }
}
