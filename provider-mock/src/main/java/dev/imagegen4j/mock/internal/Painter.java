package dev.imagegen4j.mock.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Paints the picture of a mock image into ARGB pixels: a gradient in the prompt's colours, shapes
 * placed by the image's own seed, and the prompt written across the bottom. Pure integer arithmetic
 * on an array, so the result is the same on every JVM.
 */
final class Painter {
    private static final int MAX_TEXT_CHARACTERS = 48;

    private Painter() {
    }

    /**
     * @param promptSeed hash of the prompt alone: sets the palette, so the images of one prompt match
     * @param imageSeed hash of everything that identifies this image: sets the layout
     */
    static int[] paint(int width, int height, byte[] promptSeed, byte[] imageSeed, boolean transparent, String prompt) {
        int[] palette = palette(promptSeed);
        int[] pixels = new int[width * height];
        if (!transparent) {
            gradient(pixels, width, height, palette[0], palette[1]);
        }
        SplitMix random = new SplitMix(ByteBuffer.wrap(imageSeed).getLong());
        int shortSide = Math.min(width, height);
        int shapes = random.between(5, 10);
        for (int i = 0; i < shapes; i++) {
            int color = palette[2 + random.nextInt(palette.length - 2)];
            int centerX = random.nextInt(width);
            int centerY = random.nextInt(height);
            int size = Math.max(1, random.between(shortSide / 14, shortSide / 4));
            if (random.nextInt(2) == 0) {
                circle(pixels, width, height, centerX, centerY, size, color);
            } else {
                rectangle(pixels, width, height, centerX - size, centerY - size / 2, 2 * size, size, color);
            }
        }
        caption(pixels, width, height, prompt);
        return pixels;
    }

    /** A coarser copy of {@code pixels}: each {@code block}-square takes the colour of its top-left pixel. */
    static int[] pixelate(int[] pixels, int width, int height, int block) {
        int[] coarse = new int[pixels.length];
        for (int y = 0; y < height; y++) {
            int sourceRow = (y - y % block) * width;
            int row = y * width;
            for (int x = 0; x < width; x++) {
                coarse[row + x] = pixels[sourceRow + x - x % block];
            }
        }
        return coarse;
    }

    private static int[] palette(byte[] seed) {
        SplitMix random = new SplitMix(ByteBuffer.wrap(seed).getLong());
        int[] palette = new int[6];
        for (int i = 0; i < palette.length; i++) {
            palette[i] = 0xFF000000 | (int) (random.nextLong() & 0xFFFFFF);
        }
        return palette;
    }

    private static void gradient(int[] pixels, int width, int height, int top, int bottom) {
        for (int y = 0; y < height; y++) {
            int weight = height == 1 ? 0 : y * 256 / (height - 1);
            int color = 0xFF000000 | mix(top, bottom, weight, 16) | mix(top, bottom, weight, 8) | mix(top, bottom, weight, 0);
            Arrays.fill(pixels, y * width, (y + 1) * width, color);
        }
    }

    private static int mix(int from, int to, int weight, int shift) {
        int a = (from >>> shift) & 0xFF;
        int b = (to >>> shift) & 0xFF;
        return ((a * (256 - weight) + b * weight) >>> 8) << shift;
    }

    private static void circle(int[] pixels, int width, int height, int cx, int cy, int radius, int color) {
        long radiusSquared = (long) radius * radius;
        for (int y = Math.max(0, cy - radius); y <= Math.min(height - 1, cy + radius); y++) {
            long dy = y - cy;
            int half = (int) Math.sqrt((double) (radiusSquared - dy * dy));
            fillRow(pixels, width, y, cx - half, cx + half, color);
        }
    }

    private static void rectangle(int[] pixels, int width, int height, int left, int top, int w, int h, int color) {
        for (int y = Math.max(0, top); y < Math.min(height, top + h); y++) {
            fillRow(pixels, width, y, left, left + w - 1, color);
        }
    }

    private static void fillRow(int[] pixels, int width, int y, int fromX, int toX, int color) {
        int from = Math.max(0, fromX);
        int to = Math.min(width - 1, toX);
        if (from <= to) {
            Arrays.fill(pixels, y * width + from, y * width + to + 1, color);
        }
    }

    /** Writes the start of the prompt in white on a dark band along the bottom edge. */
    private static void caption(int[] pixels, int width, int height, String prompt) {
        String text = prompt.strip();
        if (text.length() > MAX_TEXT_CHARACTERS) {
            text = text.substring(0, MAX_TEXT_CHARACTERS - 3) + "...";
        }
        int advance = BitmapFont.WIDTH + 1;
        int scale = Math.max(1, Math.min(width / ((text.length() + 2) * advance), height / 12 / BitmapFont.HEIGHT));
        int bandHeight = (BitmapFont.HEIGHT + 4) * scale;
        if (text.isEmpty() || bandHeight > height) {
            return;
        }
        int bandTop = height - bandHeight;
        for (int y = bandTop; y < height; y++) {
            fillRow(pixels, width, y, 0, width - 1, 0xFF101018);
        }
        int left = scale * advance;
        int top = bandTop + 2 * scale;
        for (int i = 0; i < text.length(); i++) {
            for (int gy = 0; gy < BitmapFont.HEIGHT; gy++) {
                for (int gx = 0; gx < BitmapFont.WIDTH; gx++) {
                    if (BitmapFont.isSet(text.charAt(i), gx, gy)) {
                        int x = left + (i * advance + gx) * scale;
                        for (int dy = 0; dy < scale; dy++) {
                            fillRow(pixels, width, top + gy * scale + dy, x, x + scale - 1, 0xFFF4F4F4);
                        }
                    }
                }
            }
        }
    }
}
