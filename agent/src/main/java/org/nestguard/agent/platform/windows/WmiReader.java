package org.nestguard.agent.platform.windows;

import java.util.List;
import java.util.Map;

/**
 * The seam through which Windows probes query WMI. Each row maps the requested property names to their values:
 * String (also for uint64 and DMTF datetimes such as {@code 20240604080627.000000+000}), Long for integer types,
 * Boolean; a property that is NULL in WMI is absent from the map.
 */
public interface WmiReader {

    /** Runs {@code SELECT <properties> FROM <wmiClass>} in the namespace (for example {@code root\SecurityCenter2}). */
    List<Map<String, Object>> query(String namespace, String wmiClass, List<String> properties)
            throws WmiQueryException;
}
