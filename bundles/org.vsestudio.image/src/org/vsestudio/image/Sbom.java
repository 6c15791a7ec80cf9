package org.vsestudio.image;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.vsestudio.packages.LockFile;
import org.vsestudio.packages.LockFile.LockedPackage;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The software bill of materials of an image, as CycloneDX 1.5 JSON: one component per
 * installed package (as dpkg reports it inside the image), with its package URL and the
 * SHA-256 of the {@code .deb} it came from. Deterministic: its serial number and time come
 * from the image, not from the clock.
 */
final class Sbom {

    private Sbom() {
    }

    /**
     * @param installed dpkg's view of the image: lines {@code NAME VERSION ARCH}
     */
    static String cycloneDx(ImageRecipe recipe, LockFile lock, String installed, String imageDigest, long epoch) {
        Map<String, LockedPackage> locked = new HashMap<>();
        lock.packages().forEach(p -> locked.put(p.name() + " " + p.architecture(), p));
        JsonObject bom = new JsonObject();
        bom.addProperty("bomFormat", "CycloneDX");
        bom.addProperty("specVersion", "1.5");
        bom.addProperty("serialNumber", "urn:uuid:" + UUID.nameUUIDFromBytes(imageDigest.getBytes(StandardCharsets.UTF_8)));
        bom.addProperty("version", 1);
        JsonObject metadata = new JsonObject();
        metadata.addProperty("timestamp", Instant.ofEpochSecond(epoch).toString());
        JsonObject tool = new JsonObject();
        tool.addProperty("vendor", "VSE Studio");
        tool.addProperty("name", "vse build");
        JsonObject toolsObject = new JsonObject();
        JsonArray toolComponents = new JsonArray();
        JsonObject toolComponent = new JsonObject();
        toolComponent.addProperty("type", "application");
        toolComponent.addProperty("author", "VSE Studio");
        toolComponent.addProperty("name", "vse build");
        toolComponents.add(toolComponent);
        toolsObject.add("components", toolComponents);
        metadata.add("tools", toolsObject);
        JsonObject subject = new JsonObject();
        subject.addProperty("type", "operating-system");
        subject.addProperty("name", recipe.name());
        subject.addProperty("version", imageDigest);
        subject.addProperty("description", "VSE image of " + recipe.name() + " (" + lock.distribution() + " " + lock.release() + " "
                + lock.architecture() + ")");
        metadata.add("component", subject);
        bom.add("metadata", metadata);
        JsonArray components = new JsonArray();
        for (String line : installed.split("\n")) {
            String[] f = line.strip().split(" ");
            if (f.length != 3) {
                continue;
            }
            JsonObject c = new JsonObject();
            c.addProperty("type", "library");
            c.addProperty("bom-ref", f[0] + "@" + f[1] + "?arch=" + f[2]);
            c.addProperty("name", f[0]);
            c.addProperty("version", f[1]);
            c.addProperty("purl", "pkg:deb/" + lock.distribution() + "/" + f[0] + "@" + URLEncoder.encode(f[1], StandardCharsets.UTF_8) + "?arch="
                    + f[2] + "&distro=" + lock.distribution() + "-" + lock.release());
            LockedPackage p = locked.get(f[0] + " " + f[2]);
            if (p != null && !p.sha256().isEmpty()) {
                JsonArray hashes = new JsonArray();
                JsonObject h = new JsonObject();
                h.addProperty("alg", "SHA-256");
                h.addProperty("content", p.sha256());
                hashes.add(h);
                c.add("hashes", hashes);
            }
            components.add(c);
        }
        bom.add("components", components);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(bom) + "\n";
    }
}
