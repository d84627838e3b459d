package io.labvisor.api.query;

import io.labvisor.api.auth.PercentCoding;
import io.labvisor.api.auth.SigV4;
import io.labvisor.ec2.Ec2Exception;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code application/x-www-form-urlencoded} text (a query string or a POST body) as parameters. */
public final class FormParams {
    private FormParams() {
    }

    /**
     * Decodes {@code name=value&...}, adding to {@code into}.
     *
     * @throws Ec2Exception {@code InvalidParameterValue} for broken escapes or a parameter given twice
     */
    public static void decodeInto(String form, Map<String, String> into) {
        for (String part : form.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name;
            String value;
            try {
                // the same decoding the signature's canonical query uses (see SigV4.canonicalQuery)
                name = PercentCoding.decode(eq < 0 ? part : part.substring(0, eq), SigV4.QUERY_PLUS_IS_SPACE);
                value = eq < 0 ? "" : PercentCoding.decode(part.substring(eq + 1), SigV4.QUERY_PLUS_IS_SPACE);
            } catch (IllegalArgumentException e) {
                throw Ec2Exception.invalidParameter("Malformed request parameters: " + e.getMessage());
            }
            if (into.putIfAbsent(name, value) != null) {
                throw Ec2Exception.invalidParameter("The parameter " + name + " is given more than once");
            }
        }
    }

    public static Map<String, String> decode(String form) {
        Map<String, String> out = new LinkedHashMap<>();
        decodeInto(form, out);
        return out;
    }
}
