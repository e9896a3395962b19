package dev.imagegen4j.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.imagegen4j.Background;
import dev.imagegen4j.ImageProviders;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.IntRange;
import dev.imagegen4j.ModelSpec;
import dev.imagegen4j.SizeRule;
import dev.imagegen4j.spi.ImageProvider;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "providers", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "List the providers on the class path, their models and every constraint.")
final class ProvidersCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonArray providers = new JsonArray();
            for (ImageProvider provider : ImageProviders.available()) {
                providers.add(providerJson(provider));
            }
            out.println(Json.PRETTY.toJson(providers));
            return Main.OK;
        }
        for (ImageProvider provider : ImageProviders.available()) {
            out.println(provider.id() + " - " + provider.displayName() + " (default model "
                    + provider.models().defaultModel() + ")");
            for (ModelSpec model : provider.models().models()) {
                out.println("  " + model.id());
                out.println("    size:               " + describe(model.sizes()));
                out.println("    n:                  " + model.count());
                out.println("    quality:            " + list(model.qualities()));
                out.println("    background:         " + list(model.backgrounds())
                        + (model.backgrounds().contains(Background.TRANSPARENT)
                        ? " (transparent needs format " + list(model.transparencyFormats()) + ")" : ""));
                out.println("    format:             " + list(model.formats()));
                out.println("    compression:        " + model.compression() + " with format "
                        + list(model.compressionFormats()));
                out.println("    moderation:         " + list(model.moderations()));
                out.println("    streaming:          " + (model.supportsStreaming()
                        ? "yes, partial images " + model.partialImages() : "no"));
                out.println("    prompt:             not blank, at most " + model.maxPromptLength() + " characters");
            }
            out.println("  other model ids are sent as they are, checked by the generic rules, with a warning;");
            out.println("  ids ending in -plus take no quality");
        }
        return Main.OK;
    }

    private static String describe(SizeRule rule) {
        if (rule instanceof SizeRule.Fixed fixed) {
            return "auto, " + list(fixed.sizes());
        }
        if (rule instanceof SizeRule.Flexible flexible) {
            return String.format(Locale.ROOT, "auto or WxH: sides multiples of %d, longer side at most %d, aspect at "
                            + "most %s:1, %,d to %,d pixels, above %s experimental; presets %s",
                    flexible.multipleOf(), flexible.maxEdge(), trim(flexible.maxAspectRatio()),
                    flexible.pixels().min(), flexible.pixels().max(), flexible.experimentalAbove(),
                    list(flexible.presets()));
        }
        return "any";
    }

    private static JsonObject providerJson(ImageProvider provider) {
        JsonObject json = new JsonObject();
        json.addProperty("id", provider.id());
        json.addProperty("name", provider.displayName());
        json.addProperty("default_model", provider.models().defaultModel());
        JsonArray models = new JsonArray();
        for (ModelSpec model : provider.models().models()) {
            JsonObject item = new JsonObject();
            item.addProperty("id", model.id());
            item.add("size", sizeJson(model.sizes()));
            item.add("n", range(model.count()));
            item.add("quality", array(model.qualities()));
            item.add("background", array(model.backgrounds()));
            item.add("transparency_formats", array(model.transparencyFormats()));
            item.add("output_format", array(model.formats()));
            item.add("output_compression", range(model.compression()));
            item.add("compression_formats", array(model.compressionFormats()));
            item.add("moderation", array(model.moderations()));
            item.addProperty("streaming", model.supportsStreaming());
            item.add("partial_images", range(model.partialImages()));
            item.addProperty("max_prompt_length", model.maxPromptLength());
            models.add(item);
        }
        json.add("models", models);
        return json;
    }

    private static JsonObject sizeJson(SizeRule rule) {
        JsonObject json = new JsonObject();
        if (rule instanceof SizeRule.Fixed fixed) {
            json.addProperty("kind", "fixed");
            json.add("sizes", array(fixed.sizes()));
        } else if (rule instanceof SizeRule.Flexible flexible) {
            json.addProperty("kind", "flexible");
            json.addProperty("multiple_of", flexible.multipleOf());
            json.addProperty("max_edge", flexible.maxEdge());
            json.addProperty("max_aspect_ratio", flexible.maxAspectRatio());
            json.addProperty("min_pixels", flexible.pixels().min());
            json.addProperty("max_pixels", flexible.pixels().max());
            json.addProperty("experimental_above", flexible.experimentalAbove().wireName());
            json.add("presets", array(flexible.presets()));
        } else {
            json.addProperty("kind", "any");
        }
        return json;
    }

    private static JsonObject range(IntRange range) {
        JsonObject json = new JsonObject();
        json.addProperty("min", range.min());
        json.addProperty("max", range.max());
        return json;
    }

    private static JsonArray array(Collection<?> values) {
        JsonArray array = new JsonArray();
        values.forEach(value -> array.add(value instanceof ImageSize size ? size.wireName() : value.toString()));
        return array;
    }

    private static String list(Collection<?> values) {
        return values.isEmpty() ? "(not accepted)" : values.stream().map(Object::toString).collect(Collectors.joining(", "));
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
