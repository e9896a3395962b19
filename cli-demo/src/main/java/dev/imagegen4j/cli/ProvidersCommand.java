package dev.imagegen4j.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.imagegen4j.Background;
import dev.imagegen4j.ExtraSetting;
import dev.imagegen4j.ImageProviders;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.IntRange;
import dev.imagegen4j.ModelSpec;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.SizeRule;
import dev.imagegen4j.spi.ImageProvider;
import dev.imagegen4j.spi.ProviderSetting;
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
        description = "List the providers on the class path, their settings, their models and every setting each takes.")
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
            for (ProviderSetting setting : provider.settings()) {
                out.println("  setting " + setting.key() + " (" + ProviderConfig.environmentName(provider.id(), setting.key()) + " or -D"
                        + ProviderConfig.systemPropertyName(provider.id(), setting.key()) + "): "
                        + setting.description() + (setting.defaultValue() == null ? "" : "; default "
                        + setting.defaultValue()) + (setting.secret() ? "; secret" : ""));
            }
            for (ModelSpec model : provider.models().models()) {
                describe(out, model);
            }
            out.println("  other model ids are sent as they are, checked by the provider's generic rules, with a warning");
        }
        return Main.OK;
    }

    private static void describe(PrintWriter out, ModelSpec model) {
        out.println("  " + model.id());
        out.println("    size:               " + describe(model.sizes()));
        out.println("    -n:                 " + model.count() + (model.maxImagesPerCall() < model.count().max()
                ? ", " + model.maxImagesPerCall() + " per call" : ""));
        out.println("    --seed:             " + (model.seeds() == null ? "(not accepted)" : model.seeds()));
        out.println("    --negative-prompt:  " + (model.maxNegativePromptLength() == 0 ? "(not accepted)"
                : "at most " + model.maxNegativePromptLength() + " characters"));
        out.println("    --quality:          " + list(model.qualities()));
        out.println("    --background:       " + list(model.backgrounds())
                + (model.backgrounds().contains(Background.TRANSPARENT)
                ? " (transparent needs format " + list(model.transparencyFormats()) + ")" : ""));
        out.println("    --format:           " + list(model.formats()));
        out.println("    --compression:      " + (model.compressionFormats().isEmpty() ? "(not accepted)"
                : model.compression() + " with format " + list(model.compressionFormats())));
        out.println("    --moderation:       " + list(model.moderations()));
        out.println("    --stream:           " + (model.supportsStreaming()
                ? "yes, partial images " + model.partialImages() : model.jobs() ? "job progress only" : "no"));
        out.println("    --no-wait:          " + (model.jobs()
                ? "yes: runs as jobs; `imagegen fetch JOB-ID` saves the images" : "(runs while you wait)"));
        out.println("    --image:            " + (model.inputImages().max() == 0 ? "(not accepted)"
                : model.inputImages() + " of " + list(model.inputFormats()) + (model.supportsMask() ? ", with --mask" : "")));
        out.println("    --user:             " + (model.supportsUser() ? "yes" : "(not accepted)"));
        for (ExtraSetting extra : model.extras().values()) {
            out.println("    --option " + extra.name() + ": " + describe(extra) + " (" + extra.description() + ")");
        }
        out.println("    prompt:             not blank, at most " + model.maxPromptLength() + " characters");
    }

    private static String describe(SizeRule rule) {
        if (rule instanceof SizeRule.Fixed fixed) {
            return "auto, " + list(fixed.sizes()) + " (or an aspect ratio of one of them)";
        }
        if (rule instanceof SizeRule.Flexible flexible) {
            return String.format(Locale.ROOT, "auto, W:H, or WxH: sides multiples of %d, longer side at most %d, "
                            + "aspect at most %s:1, %,d to %,d pixels, above %s experimental; presets %s",
                    flexible.multipleOf(), flexible.maxEdge(), trim(flexible.maxAspectRatio()),
                    flexible.pixels().min(), flexible.pixels().max(), flexible.experimentalAbove(),
                    list(flexible.presets()));
        }
        if (rule instanceof SizeRule.AspectRatios ratios) {
            return "auto, " + list(ratios.ratios()) + (ratios.tiers().isEmpty() ? ""
                    : " with tiers " + list(ratios.tiers().stream().sorted().toList()))
                    + " (or WxH of exactly one of these shapes)";
        }
        return "any";
    }

    private static String describe(ExtraSetting extra) {
        return switch (extra.type()) {
            case ONE_OF -> String.join(", ", extra.values());
            case BOOLEAN -> "true or false";
            case STRING -> "text";
            case INTEGER, NUMBER -> extra.type().name().toLowerCase(Locale.ROOT)
                    + (extra.min() == null ? "" : " from " + trim(extra.min()))
                    + (extra.max() == null ? "" : " to " + trim(extra.max()));
        };
    }

    private static JsonObject providerJson(ImageProvider provider) {
        JsonObject json = new JsonObject();
        json.addProperty("id", provider.id());
        json.addProperty("name", provider.displayName());
        json.addProperty("default_model", provider.models().defaultModel());
        JsonArray settings = new JsonArray();
        for (ProviderSetting setting : provider.settings()) {
            JsonObject item = new JsonObject();
            item.addProperty("key", setting.key());
            item.addProperty("environment", ProviderConfig.environmentName(provider.id(), setting.key()));
            item.addProperty("system_property", ProviderConfig.systemPropertyName(provider.id(), setting.key()));
            item.addProperty("description", setting.description());
            item.addProperty("default", setting.defaultValue());
            item.addProperty("secret", setting.secret());
            settings.add(item);
        }
        json.add("settings", settings);
        JsonArray models = new JsonArray();
        for (ModelSpec model : provider.models().models()) {
            models.add(modelJson(model));
        }
        json.add("models", models);
        return json;
    }

    private static JsonObject modelJson(ModelSpec model) {
        JsonObject item = new JsonObject();
        item.addProperty("id", model.id());
        item.add("settings", array(model.settings()));
        item.add("size", sizeJson(model.sizes()));
        item.add("count", range(model.count()));
        item.addProperty("max_images_per_call", model.maxImagesPerCall());
        if (model.seeds() == null) {
            item.add("seed", JsonNull.INSTANCE);
        } else {
            JsonObject seeds = new JsonObject();
            seeds.addProperty("min", model.seeds().min());
            seeds.addProperty("max", model.seeds().max());
            item.add("seed", seeds);
        }
        item.addProperty("max_negative_prompt_length", model.maxNegativePromptLength());
        item.add("quality", array(model.qualities()));
        item.add("background", array(model.backgrounds()));
        item.add("transparency_formats", array(model.transparencyFormats()));
        item.add("output_format", array(model.formats()));
        item.add("output_compression", range(model.compression()));
        item.add("compression_formats", array(model.compressionFormats()));
        item.add("moderation", array(model.moderations()));
        item.addProperty("streaming", model.supportsStreaming());
        item.addProperty("jobs", model.jobs());
        item.add("partial_images", range(model.partialImages()));
        item.add("input_images", range(model.inputImages()));
        item.add("input_formats", array(model.inputFormats()));
        item.addProperty("max_input_image_bytes", model.maxInputImageBytes());
        item.addProperty("mask", model.supportsMask());
        item.addProperty("user", model.supportsUser());
        JsonArray extras = new JsonArray();
        for (ExtraSetting extra : model.extras().values()) {
            JsonObject setting = new JsonObject();
            setting.addProperty("name", extra.name());
            setting.addProperty("type", extra.type().name().toLowerCase(Locale.ROOT));
            setting.addProperty("min", extra.min());
            setting.addProperty("max", extra.max());
            setting.add("values", array(extra.values()));
            setting.addProperty("description", extra.description());
            extras.add(setting);
        }
        item.add("extras", extras);
        item.addProperty("max_prompt_length", model.maxPromptLength());
        return item;
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
            json.addProperty("experimental_above", flexible.experimentalAbove().text());
            json.add("presets", array(flexible.presets()));
        } else if (rule instanceof SizeRule.AspectRatios ratios) {
            json.addProperty("kind", "aspect_ratios");
            json.add("ratios", array(ratios.ratios()));
            json.add("tiers", array(ratios.tiers().stream().sorted().toList()));
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
        values.forEach(value -> array.add(value instanceof ImageSize size ? size.text() : value.toString()));
        return array;
    }

    private static String list(Collection<?> values) {
        return values.isEmpty() ? "(not accepted)" : values.stream().map(Object::toString).collect(Collectors.joining(", "));
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
