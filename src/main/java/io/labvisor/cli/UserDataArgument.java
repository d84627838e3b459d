package io.labvisor.cli;

import io.labvisor.ec2.Ec2Exception;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --user-data}: raw text, or {@code file://PATH} read as the AWS CLI reads it. */
final class UserDataArgument {
    private UserDataArgument() {
    }

    /** @param workingDir where a relative {@code file://} path starts (the caller's folder) */
    static String read(String value, Path workingDir) {
        if (!value.startsWith("file://")) {
            return value;
        }
        Path file = workingDir.resolve(value.substring("file://".length()));
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Ec2Exception.invalidParameter("Error parsing parameter '--user-data': Unable to load paramfile "
                    + value + ": " + e.getMessage());
        }
    }
}
