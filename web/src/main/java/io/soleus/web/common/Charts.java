package io.soleus.web.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ECharts options built here, so a page's script only draws them: the same palette, axes and
 * accessibility settings (ECharts' aria description and decal patterns) on every chart.
 */
public final class Charts {

    /** Brand teal first; each colour distinguishable from its neighbours, with decals for those who cannot tell. */
    public static final List<String> PALETTE = List.of("#0b5d57", "#c2410c", "#4338ca", "#a16207", "#be185d", "#0369a1");

    private Charts() {
    }

    public static Map<String, Object> base() {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("color", PALETTE);
        option.put("aria", Map.of("enabled", true, "decal", Map.of("show", true)));
        option.put("animationDuration", 300);
        option.put("textStyle", Map.of("fontFamily", "system-ui, sans-serif"));
        option.put("grid", Map.of("left", 48, "right", 16, "top", 40, "bottom", 40, "containLabel", true));
        option.put("tooltip", Map.of("trigger", "axis"));
        return option;
    }

    public static Map<String, Object> legend(List<String> names) {
        return Map.of("data", names, "top", 0, "type", "scroll");
    }

    public static Map<String, Object> series(String name, String type, List<?> data) {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("name", name);
        series.put("type", type);
        series.put("data", data);
        return series;
    }

    public static Map<String, Object> categoryAxis(List<String> categories) {
        // every name shown, broken over lines of their own height rather than overlapping
        return Map.of("type", "category", "data", categories,
                "axisLabel", Map.of("interval", 0, "width", 96, "overflow", "break", "lineHeight", 14));
    }

    public static Map<String, Object> valueAxis(String name, Integer min, Integer max) {
        Map<String, Object> axis = new LinkedHashMap<>();
        axis.put("type", "value");
        axis.put("name", name);
        if (min != null) {
            axis.put("min", min);
        }
        if (max != null) {
            axis.put("max", max);
        }
        return axis;
    }
}
