package org.vsestudio.image;

import java.nio.file.Path;

/**
 * One configuration step of an image, applied in order after the packages are installed.
 * Each step knows where it is written ({@link #where()}: {@code climate.vse:33}) so that a
 * failure can name its line.
 */
public sealed interface ConfigStep permits ConfigStep.Copy, ConfigStep.Link, ConfigStep.Delete, ConfigStep.Append, ConfigStep.Replace,
        ConfigStep.Run, ConfigStep.User {

    /** @return where the step is written, {@code FILE:LINE} */
    String where();

    /** @return the step as the cache key sees it: everything that changes its effect, nothing else */
    String canonical();

    /** {@code copy "source" to "/target"}: a file or folder of the project into the image. */
    record Copy(Path source, String target, String where) implements ConfigStep {
        @Override
        public String canonical() {
            return "copy " + target; // the source's content is part of the key separately
        }
    }

    /** {@code link "/target" as "/link"}: a symbolic link. */
    record Link(String target, String link, String where) implements ConfigStep {
        @Override
        public String canonical() {
            return "link " + target + " " + link;
        }
    }

    /** {@code delete "/path"} */
    record Delete(String path, String where) implements ConfigStep {
        @Override
        public String canonical() {
            return "delete " + path;
        }
    }

    /** {@code edit "/file" append "line"} */
    record Append(String path, String line, String where) implements ConfigStep {
        @Override
        public String canonical() {
            return "append " + path + " " + line;
        }
    }

    /** {@code edit "/file" replace "regex" with "text"} */
    record Replace(String path, String pattern, String replacement, String where) implements ConfigStep {
        @Override
        public String canonical() {
            return "replace " + path + " " + pattern + " " + replacement;
        }
    }

    /** {@code run "command"}: a shell command run inside the image. */
    record Run(String command, String where) implements ConfigStep {
        @Override
        public String canonical() {
            return "run " + command;
        }
    }

    /** {@code user NAME uid N}: an account for the application. */
    record User(String name, int uid, String where) implements ConfigStep {
        @Override
        public String canonical() {
            return "user " + name + " " + uid;
        }
    }
}
