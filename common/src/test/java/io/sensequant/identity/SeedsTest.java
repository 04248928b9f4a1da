package io.sensequant.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedsTest {
    @Test
    void derivedSeedsAreStablePerNameAndNonNegative() {
        assertEquals(Seeds.derive(42, "teacher/TCS"), Seeds.derive(42, "teacher/TCS"));
        assertNotEquals(Seeds.derive(42, "teacher/TCS"), Seeds.derive(42, "teacher/INFY"));
        assertNotEquals(Seeds.derive(42, "teacher/TCS"), Seeds.derive(43, "teacher/TCS"));
        assertTrue(Seeds.deriveInt(42, "x") >= 0 && Seeds.derive(42, "x") >= 0);
    }

    @Test
    void canonicalJsonIgnoresKeyOrder() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String a = CanonicalJson.write(mapper.readTree("{\"b\":1,\"a\":{\"d\":2,\"c\":[3,{\"z\":1,\"y\":2}]}}"));
        String b = CanonicalJson.write(mapper.readTree("{\"a\":{\"c\":[3,{\"y\":2,\"z\":1}],\"d\":2},\"b\":1}"));
        assertEquals(a, b);
        assertEquals("{\"a\":{\"c\":[3,{\"y\":2,\"z\":1}],\"d\":2},\"b\":1}", a);
    }
}
