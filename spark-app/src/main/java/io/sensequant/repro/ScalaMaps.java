package io.sensequant.repro;

import java.util.Map;
import java.util.TreeMap;

/** Java maps as the Scala maps that Spark's {@code Row} needs for a MapType column, in sorted key order. */
final class ScalaMaps {
    private ScalaMaps() {
    }

    static scala.collection.Map<String, Object> of(Map<String, Long> map) {
        Map<String, Object> boxed = new TreeMap<>(map);
        return scala.collection.JavaConverters.mapAsScalaMapConverter(boxed).asScala();
    }
}
