package io.sensequant.release;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One result of the release audit: a stable {@code code} a script can match, what was found, what to do about
 * it, and the file concerned when there is one.
 */
record Finding(String code, String message, String action, String path) {
    static Finding of(String code, String message, String action) {
        return new Finding(code, message, action, null);
    }

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("code", code);
        map.put("message", message);
        map.put("action", action);
        if (path != null) {
            map.put("path", path);
        }
        return map;
    }
}
