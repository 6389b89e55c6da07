package org.nestguard.agent.platform.windows;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads files under {@code fixtures/windows/}. WMI fixtures ({@code wmi-*.json}) are a JSON array with one object per
 * WMI instance, holding exactly what {@link WmiReader#query} returns for it: strings (also uint64 and DMTF datetimes),
 * integers, booleans; a NULL property is left out. That matches the row layout of
 * {@code Get-CimInstance -Namespace <ns> -ClassName <class> | Select-Object <props> | ConvertTo-Json}, except that
 * datetimes stay in WMI's DMTF text rather than PowerShell's DateTime.
 */
final class Fixtures {
    private Fixtures() {
    }

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/windows/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("missing fixture fixtures/windows/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** WMI rows with every integer widened to Long, as the live reader returns them. */
    static List<Map<String, Object>> wmiRows(String name) {
        try {
            List<Map<String, Object>> rows = new ObjectMapper().readValue(text(name), new TypeReference<>() {
            });
            List<Map<String, Object>> widened = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                Map<String, Object> copy = new LinkedHashMap<>();
                row.forEach((k, v) -> copy.put(k, v instanceof Number n ? Long.valueOf(n.longValue()) : v));
                widened.add(copy);
            }
            return widened;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
