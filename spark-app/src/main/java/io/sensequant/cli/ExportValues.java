package io.sensequant.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sensequant.config.Yaml;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * Renders cell values for {@code export}, the same way in both formats: timestamps as ISO-8601 with the offset
 * of the Spark session's time zone (the zone {@code --where} literals are read in), dates as ISO-8601, binary
 * as base64. Nested values (arrays, structs, maps) become JSON, which is also their CSV cell text.
 */
final class ExportValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ZoneId zone;

    ExportValues(ZoneId zone) {
        this.zone = zone;
    }

    /** One CSV cell, RFC 4180 quoted; null is an empty cell. */
    String csvCell(Object value, DataType type) {
        if (value == null) {
            return "";
        }
        JsonNode node = json(value, type);
        return SqlCommand.csv(node.isContainerNode() ? write(node) : node.asText());
    }

    /** One row as a JSON object, fields in column order. */
    ObjectNode jsonRow(Row row, StructType schema) {
        ObjectNode object = NODES.objectNode();
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
            object.set(fields[i].name(), row.isNullAt(i) ? NODES.nullNode() : json(row.get(i), fields[i].dataType()));
        }
        return object;
    }

    static String write(JsonNode node) {
        try {
            return Yaml.JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render a JSON tree", e);
        }
    }

    private JsonNode json(Object value, DataType type) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Row row && type instanceof StructType struct) {
            return jsonRow(row, struct);
        }
        if (value instanceof scala.collection.Seq<?> seq && type instanceof ArrayType array) {
            ArrayNode items = NODES.arrayNode();
            scala.collection.Iterator<?> it = seq.iterator();
            while (it.hasNext()) {
                items.add(json(it.next(), array.elementType()));
            }
            return items;
        }
        if (value instanceof scala.collection.Map<?, ?> map && type instanceof MapType mapType) {
            ObjectNode entries = NODES.objectNode();
            scala.collection.Iterator<? extends scala.Tuple2<?, ?>> it = map.iterator();
            while (it.hasNext()) {
                scala.Tuple2<?, ?> entry = it.next();
                JsonNode key = json(entry._1(), mapType.keyType());
                entries.set(key.isContainerNode() ? write(key) : key.asText(), json(entry._2(), mapType.valueType()));
            }
            return entries;
        }
        return scalar(value);
    }

    private JsonNode scalar(Object value) {
        if (value instanceof Timestamp timestamp) {
            return NODES.textNode(offsetTime(timestamp.toInstant()));
        }
        if (value instanceof Instant instant) {
            return NODES.textNode(offsetTime(instant));
        }
        if (value instanceof LocalDateTime local) {
            return NODES.textNode(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(local));
        }
        if (value instanceof Date date) {
            return NODES.textNode(date.toLocalDate().toString());
        }
        if (value instanceof LocalDate date) {
            return NODES.textNode(date.toString());
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof BigDecimal decimal) {
            return NODES.numberNode(decimal);
        }
        if (value instanceof Double number) {
            // JSON has no NaN or infinity: write them as strings, as Spark's own JSON writer does
            return Double.isFinite(number) ? NODES.numberNode(number) : NODES.textNode(String.valueOf(number));
        }
        if (value instanceof Float number) {
            return Float.isFinite(number) ? NODES.numberNode(number) : NODES.textNode(String.valueOf(number));
        }
        if (value instanceof Number number) {
            return NODES.numberNode(number.longValue());
        }
        if (value instanceof byte[] bytes) {
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        throw new IllegalArgumentException("export cannot render a value of type " + value.getClass().getSimpleName());
    }

    private String offsetTime(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
    }
}
