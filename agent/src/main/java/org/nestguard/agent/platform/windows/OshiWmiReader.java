package org.nestguard.agent.platform.windows;

import com.sun.jna.platform.win32.COM.COMException;
import com.sun.jna.platform.win32.COM.Wbemcli;
import com.sun.jna.platform.win32.COM.WbemcliUtil;
import com.sun.jna.platform.win32.OleAuto;
import com.sun.jna.platform.win32.Variant;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oshi.util.platform.windows.WmiQueryHandler;

/**
 * Queries live WMI. OSHI's {@link WmiQueryHandler} initialises COM and its security once per process; the query
 * itself goes through jna-platform's {@code IWbemServices.ExecQuery}, because {@code WbemcliUtil.WmiQuery} needs a
 * Java enum per class and we ask for property names given as strings.
 */
public final class OshiWmiReader implements WmiReader {
    private static final int WBEM_E_ACCESS_DENIED = 0x80041003;
    private static final int WBEM_E_INVALID_CLASS = 0x80041010;
    private static final int TIMEOUT_MILLIS = 30_000;

    @Override
    public List<Map<String, Object>> query(String namespace, String wmiClass, List<String> properties)
            throws WmiQueryException {
        WmiQueryHandler handler = WmiQueryHandler.createInstance();
        boolean comInitialised = handler.initCOM();
        try {
            Wbemcli.IWbemServices services = WbemcliUtil.connectServer(namespace);
            try {
                return select(services, wmiClass, properties);
            } finally {
                services.Release();
            }
        } catch (COMException e) {
            throw translate(namespace, wmiClass, e);
        } finally {
            if (comInitialised) {
                handler.unInitCOM();
            }
        }
    }

    private static List<Map<String, Object>> select(Wbemcli.IWbemServices services, String wmiClass,
                                                    List<String> properties) throws WmiQueryException {
        String wql = "SELECT " + String.join(",", properties) + " FROM " + wmiClass;
        Wbemcli.IEnumWbemClassObject rows = services.ExecQuery("WQL", wql,
                Wbemcli.WBEM_FLAG_FORWARD_ONLY | Wbemcli.WBEM_FLAG_RETURN_IMMEDIATELY, null);
        List<Map<String, Object>> result = new ArrayList<>();
        try {
            while (true) {
                Wbemcli.IWbemClassObject[] next = rows.Next(TIMEOUT_MILLIS, 1);
                if (next.length == 0) {
                    return result;
                }
                try {
                    result.add(read(next[0], properties));
                } finally {
                    next[0].Release();
                }
            }
        } finally {
            rows.Release();
        }
    }

    private static Map<String, Object> read(Wbemcli.IWbemClassObject row, List<String> properties) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String property : properties) {
            Variant.VARIANT.ByReference variant = new Variant.VARIANT.ByReference();
            WinNT.HRESULT hr = row.Get(property, 0, variant, null, null);
            try {
                if (succeeded(hr)) {
                    Object value = toJava(variant);
                    if (value != null) {
                        values.put(property, value);
                    }
                }
            } finally {
                OleAuto.INSTANCE.VariantClear(variant);
            }
        }
        return values;
    }

    private static boolean succeeded(WinNT.HRESULT hr) {
        return hr != null && hr.intValue() >= 0;
    }

    private static Object toJava(Variant.VARIANT variant) {
        int type = variant.getVarType().intValue();
        switch (type) {
            case Variant.VT_EMPTY:
            case Variant.VT_NULL:
                return null;
            case Variant.VT_BSTR:
                return variant.stringValue();
            case Variant.VT_BOOL:
                return variant.booleanValue();
            case Variant.VT_I1:
            case Variant.VT_I2:
            case Variant.VT_I4:
            case Variant.VT_INT:
                return (long) variant.intValue();
            case Variant.VT_UI1:
                return (long) (variant.byteValue() & 0xFF);
            case Variant.VT_UI2:
                return (long) (variant.shortValue() & 0xFFFF);
            case Variant.VT_UI4:
            case Variant.VT_UINT:
                return Integer.toUnsignedLong(variant.intValue());
            case Variant.VT_I8:
            case Variant.VT_UI8:
                return variant.longValue();
            default:
                // Arrays and objects are not needed by any probe; keep their text so evidence still shows something.
                return String.valueOf(variant.getValue());
        }
    }

    private static WmiQueryException translate(String namespace, String wmiClass, COMException e) {
        int code = e.getHresult() == null ? 0 : e.getHresult().intValue();
        String where = namespace + " " + wmiClass;
        if (code == Wbemcli.WBEM_E_INVALID_NAMESPACE) {
            return new WmiQueryException(WmiQueryException.Failure.INVALID_NAMESPACE,
                    "WMI namespace " + namespace + " does not exist on this machine", e);
        }
        if (code == WBEM_E_ACCESS_DENIED || code == WinError.E_ACCESSDENIED) {
            return new WmiQueryException(WmiQueryException.Failure.ACCESS_DENIED,
                    "access denied to WMI " + where + "; run the agent as the LocalSystem service", e);
        }
        if (code == WBEM_E_INVALID_CLASS) {
            return new WmiQueryException(WmiQueryException.Failure.INVALID_CLASS,
                    "WMI class " + where + " is not registered", e);
        }
        return new WmiQueryException(WmiQueryException.Failure.OTHER,
                "WMI query on " + where + " failed: " + e.getMessage(), e);
    }
}
