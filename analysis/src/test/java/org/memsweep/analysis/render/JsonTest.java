package org.memsweep.analysis.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void nonNumbersAreNullEverywhere() {
        assertEquals("[null,null,null,null,1.5]", Json.write(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Float.NaN, 1.5)));
        assertEquals("[null,-0.0,2.5E-8]", Json.write(new double[] {Double.NEGATIVE_INFINITY, -0.0, 2.5e-8}));
    }

    @Test
    void numbersKeepEveryDigitOfTheirType() {
        assertEquals("[0.1,1.0E-4,0.1,9007199254740993,12,100000000000000000000]", Json.write(List.of(
                0.1, 1e-4, 0.1f, 9007199254740993L, 12, new BigDecimal("1E+20"))));
    }

    @Test
    void mapsKeepTheirOrderAndEverythingElseIsItsText() {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put("z", true);
        m.put(3, null);
        m.put("a", List.of("x", Map.of("k", 1)));
        m.put("when", java.time.LocalDate.of(2026, 1, 2));
        assertEquals("{\"z\":true,\"3\":null,\"a\":[\"x\",{\"k\":1}],\"when\":\"2026-01-02\"}", Json.write(m));
    }

    /** Whatever a string holds, a strict parser reads it back as the same string. */
    @Test
    void stringsAreEscapedSoAStrictParserReadsThemBack() throws Exception {
        String nasty = "quote \" backslash \\ newline \n tab \t bell \u0007 escape \u001b nul \u0000 é ∞ \uD83D\uDE00 </script>";
        String text = Json.write(Map.of("s", nasty));
        ObjectMapper strict = JsonMapper.builder().disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
        JsonNode back = strict.readTree(text);
        assertEquals(nasty, back.get("s").asText());
        assertEquals(1, text.lines().count(), "one line");
    }

    @Test
    void aWholeDocumentParsesStrictlyWithNullForTheNonNumbers() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fraction", Double.NaN);
        m.put("rate", Double.POSITIVE_INFINITY);
        m.put("count", 3L);
        JsonNode back = new ObjectMapper().readTree(Json.write(m));
        assertEquals(true, back.get("fraction").isNull());
        assertEquals(true, back.get("rate").isNull());
        assertEquals(3L, back.get("count").asLong());
    }
}
