package io.labvisor.domain;

import io.labvisor.virtxml.Require;
import io.labvisor.virtxml.Xml;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * Device aliases chosen by labvisor. libvirt keeps only aliases with the {@code ua-} prefix from a definition and
 * names every other device itself ({@code virtio-disk0}, {@code net0}), so only {@code ua-} aliases are ours.
 */
final class UserAlias {
    private static final Pattern USER_ALIAS = Pattern.compile("ua-[a-zA-Z0-9_.-]+");

    private UserAlias() {
    }

    /** {@code alias} if it is null or a valid user alias. */
    static String check(String alias) {
        return alias == null ? null : Require.matches(alias, USER_ALIAS, "device alias (user aliases start 'ua-')");
    }

    static void write(Element device, String alias) {
        if (alias != null) {
            Xml.setAttr(Xml.addChild(device, "alias"), "name", alias);
        }
    }

    /** The device's user alias, or null when it has none or only one libvirt assigned. */
    static String read(Element device) {
        return Xml.child(device, "alias")
                .flatMap(alias -> Xml.attr(alias, "name"))
                .filter(name -> USER_ALIAS.matcher(name).matches())
                .orElse(null);
    }
}
