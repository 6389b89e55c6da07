package org.nestguard.console.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Where the pages load their script and style from: the console itself, never a CDN. */
public final class Assets {
    /** Our own style sheet. */
    public static final String STYLE = "/static/nestguard.css";
    /** htmx from its WebJar, at the version on the class path. */
    public static final String HTMX = "/webjars/htmx.org/" + webjarVersion("org.webjars.npm", "htmx.org")
            + "/dist/htmx.min.js";

    private Assets() {
    }

    private static String webjarVersion(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Assets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The " + artifact + " WebJar is not on the class path (" + resource
                        + " missing): the console was built without it; rebuild with ./mvnw -pl console package");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + resource + ": " + e.getMessage(), e);
        }
    }
}
