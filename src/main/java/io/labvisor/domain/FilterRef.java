package io.labvisor.domain;

import io.labvisor.virtxml.Require;
import io.labvisor.virtxml.Xml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * An nwfilter applied to a NIC's tap (security-group style), e.g. {@code clean-traffic} with {@code IP}. Parameters
 * are a list, not a map, because nwfilter treats a repeated name as a list of values (several IPs).
 *
 * @param filter     nwfilter name
 * @param parameters filter variables, in order
 */
public record FilterRef(String filter, List<Parameter> parameters) {
    private static final Pattern FILTER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern PARAM_NAME = Pattern.compile("[a-zA-Z0-9_]+");
    private static final Pattern PARAM_VALUE = Pattern.compile("[a-zA-Z0-9_.:]+");

    /** {@code <parameter name value/>}. */
    public record Parameter(String name, String value) {
        public Parameter {
            Require.matches(name, PARAM_NAME, "filter parameter name");
            Require.matches(value, PARAM_VALUE, "filter parameter " + name);
        }
    }

    public FilterRef {
        Require.matches(filter, FILTER_NAME, "nwfilter name");
        parameters = List.copyOf(parameters);
    }

    /** A filter with one value per parameter, in the map's iteration order. */
    public static FilterRef of(String filter, Map<String, String> parameters) {
        List<Parameter> list = new ArrayList<>();
        parameters.forEach((name, value) -> list.add(new Parameter(name, value)));
        return new FilterRef(filter, list);
    }

    void writeTo(Element iface) {
        Element filterref = Xml.setAttr(Xml.addChild(iface, "filterref"), "filter", filter);
        for (Parameter parameter : parameters) {
            Element element = Xml.setAttr(Xml.addChild(filterref, "parameter"), "name", parameter.name());
            Xml.setAttr(element, "value", parameter.value());
        }
    }

    static FilterRef parse(Element filterref) {
        return new FilterRef(Xml.requiredAttr(filterref, "filter"),
                Xml.children(filterref, "parameter").stream()
                        .map(p -> new Parameter(Xml.requiredAttr(p, "name"), Xml.requiredAttr(p, "value")))
                        .toList());
    }
}
