#include "render/text_sprite.hpp"

#include "text/shaper.hpp"
#include "util/work_counters.hpp"

#include <algorithm>
#include <string>
#include <cmath>

namespace signage::render {

namespace {

int max_texture_width(SDL_Renderer* renderer)
{
    SDL_RendererInfo info{};
    // The software renderer reports no limit (0); keep tiles modest there too.
    constexpr int fallback = 4096;
    if (SDL_GetRendererInfo(renderer, &info) != 0 || info.max_texture_width <= 0)
        return fallback;
    return info.max_texture_width;
}

// A coverage layer on the sprite's canvas, which is the coverage image grown by a margin on
// every side so that effects are not clipped.
using Layer = std::vector<float>;  // 0..1 per pixel, row-major

struct Canvas {
    int width = 0;
    int height = 0;
    int margin = 0;
    float at(const Layer& layer, int x, int y) const
    {
        if (x < 0 || y < 0 || x >= width || y >= height)
            return 0.0f;
        return layer[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)];
    }
};

Layer fill_layer(const text::CoverageImage& image, const Canvas& canvas)
{
    Layer layer(static_cast<std::size_t>(canvas.width) * static_cast<std::size_t>(canvas.height), 0.0f);
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            layer[static_cast<std::size_t>((y + canvas.margin) * canvas.width + x + canvas.margin)] = image.at(x, y) / 255.0f;
    return layer;
}

// What the outline and the shadow follow: the text's ink and the opacity of its colour glyphs
// (emoji), united as coverage "over".
Layer ink_layer(const text::CoverageImage& image, const Canvas& canvas, const Layer& fill)
{
    if (!image.has_colour())
        return fill;
    Layer layer = fill;
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            auto& value = layer[static_cast<std::size_t>((y + canvas.margin) * canvas.width + x + canvas.margin)];
            const float colour = image.colour_alpha_at(x, y) / 255.0f;
            value = value + colour - value * colour;
        }
    return layer;
}

// The colour glyphs' premultiplied RGBA under canvas pixel i, or nullptr when there is none.
const std::uint8_t* colour_at(const text::CoverageImage& image, const Canvas& canvas, std::size_t i)
{
    if (!image.has_colour())
        return nullptr;
    const int x = static_cast<int>(i % static_cast<std::size_t>(canvas.width)) - canvas.margin;
    const int y = static_cast<int>(i / static_cast<std::size_t>(canvas.width)) - canvas.margin;
    if (x < 0 || y < 0 || x >= image.width || y >= image.height)
        return nullptr;
    return &image.colour[(static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) + static_cast<std::size_t>(x)) * 4];
}

// Each pixel takes the most ink within `radius` of it, then a one-pixel soft edge: a round,
// anti-aliased outline of even width around every stroke.
Layer dilate(const Layer& fill, const Canvas& canvas, int radius)
{
    struct Tap {
        int dx, dy;
        float weight;
    };
    std::vector<Tap> taps;
    for (int dy = -radius - 1; dy <= radius + 1; ++dy)
        for (int dx = -radius - 1; dx <= radius + 1; ++dx) {
            const float weight = std::clamp(static_cast<float>(radius) + 1.0f - std::hypot(static_cast<float>(dx), static_cast<float>(dy)), 0.0f, 1.0f);
            if (weight > 0.0f)
                taps.push_back({dx, dy, weight});
        }
    Layer out(fill.size(), 0.0f);
    for (int y = 0; y < canvas.height; ++y)
        for (int x = 0; x < canvas.width; ++x) {
            float most = 0.0f;
            for (const auto& tap : taps)
                most = std::max(most, canvas.at(fill, x + tap.dx, y + tap.dy) * tap.weight);
            out[static_cast<std::size_t>(y * canvas.width + x)] = most;
        }
    return out;
}

// The fill moved down and right by `offset`, then box-blurred (two passes each way, close to a
// Gaussian) so the shadow reads as depth rather than as a second copy of the text.
Layer shadow(const Layer& fill, const Canvas& canvas, int offset, int blur)
{
    Layer moved(fill.size(), 0.0f);
    for (int y = 0; y < canvas.height; ++y)
        for (int x = 0; x < canvas.width; ++x)
            moved[static_cast<std::size_t>(y * canvas.width + x)] = canvas.at(fill, x - offset, y - offset);
    const float taps = static_cast<float>(2 * blur + 1);
    Layer pass(moved.size());
    for (int round = 0; round < 2; ++round) {
        for (int y = 0; y < canvas.height; ++y)
            for (int x = 0; x < canvas.width; ++x) {
                float sum = 0.0f;
                for (int d = -blur; d <= blur; ++d)
                    sum += canvas.at(moved, x + d, y);
                pass[static_cast<std::size_t>(y * canvas.width + x)] = sum / taps;
            }
        for (int y = 0; y < canvas.height; ++y)
            for (int x = 0; x < canvas.width; ++x) {
                float sum = 0.0f;
                for (int d = -blur; d <= blur; ++d)
                    sum += canvas.at(pass, x, y + d);
                moved[static_cast<std::size_t>(y * canvas.width + x)] = sum / taps;
            }
    }
    return moved;
}

struct Paint {
    float r = 0, g = 0, b = 0, a = 0;  // straight alpha
};

// Porter-Duff "over" in straight alpha, as the texture will be blended.
void paint_over(Paint& under, SDL_Color color, float coverage)
{
    const float alpha = coverage * static_cast<float>(color.a) / 255.0f;
    if (alpha <= 0.0f)
        return;
    const float kept = under.a * (1.0f - alpha);
    const float total = alpha + kept;
    under.r = (static_cast<float>(color.r) * alpha + under.r * kept) / total;
    under.g = (static_cast<float>(color.g) * alpha + under.g * kept) / total;
    under.b = (static_cast<float>(color.b) * alpha + under.b * kept) / total;
    under.a = total;
}

// A colour glyph's premultiplied RGBA "over" the paint.
void paint_over(Paint& under, const std::uint8_t* rgba)
{
    const float alpha = static_cast<float>(rgba[3]) / 255.0f;
    if (alpha <= 0.0f)
        return;
    const float kept = under.a * (1.0f - alpha);
    const float total = alpha + kept;
    under.r = (static_cast<float>(rgba[0]) + under.r * kept) / total;
    under.g = (static_cast<float>(rgba[1]) + under.g * kept) / total;
    under.b = (static_cast<float>(rgba[2]) + under.b * kept) / total;
    under.a = total;
}

// The whole sprite as ARGB8888 rows, effects under the text, colour glyphs (emoji) over it.
std::vector<Uint32> compose(const text::CoverageImage& image, SDL_Color color, const TextEffects& effects, Canvas& canvas)
{
    const int outline = std::max(0, effects.outline_px);
    const int shadow_offset = std::max(0, effects.shadow_px);
    const int shadow_blur = shadow_offset > 0 ? std::max(1, shadow_offset / 2) : 0;
    canvas.margin = std::max(outline + 1, shadow_offset + 2 * shadow_blur);
    if (outline == 0 && shadow_offset == 0)
        canvas.margin = 0;
    canvas.width = image.width + 2 * canvas.margin;
    canvas.height = image.height + 2 * canvas.margin;

    std::vector<Uint32> pixels(static_cast<std::size_t>(canvas.width) * static_cast<std::size_t>(canvas.height));
    if (canvas.margin == 0 && !image.has_colour()) {
        // Plain text, the usual case: the text colour everywhere, coverage as alpha.
        const Uint32 rgb = (Uint32{color.r} << 16) | (Uint32{color.g} << 8) | Uint32{color.b};
        for (std::size_t i = 0; i < pixels.size(); ++i)
            pixels[i] = ((image.alpha[i] * Uint32{color.a} / 255) << 24) | rgb;
        return pixels;
    }
    const Layer fill = fill_layer(image, canvas);
    const Layer ink = canvas.margin > 0 ? ink_layer(image, canvas, fill) : Layer{};
    const Layer outline_layer = outline > 0 ? dilate(ink, canvas, outline) : Layer{};
    const Layer shadow_layer = shadow_offset > 0 ? shadow(ink, canvas, shadow_offset, shadow_blur) : Layer{};
    for (std::size_t i = 0; i < pixels.size(); ++i) {
        Paint paint;
        if (!shadow_layer.empty())
            paint_over(paint, effects.shadow_color, shadow_layer[i]);
        if (!outline_layer.empty())
            paint_over(paint, effects.outline_color, outline_layer[i]);
        paint_over(paint, color, fill[i]);
        if (const std::uint8_t* rgba = colour_at(image, canvas, i))
            paint_over(paint, rgba);
        auto channel = [](float v) { return static_cast<Uint32>(std::lround(std::clamp(v, 0.0f, 255.0f))); };
        pixels[i] = (channel(paint.a * 255.0f) << 24) | (channel(paint.r) << 16) | (channel(paint.g) << 8) | channel(paint.b);
    }
    return pixels;
}

}  // namespace

ComposedText compose_text(const text::CoverageImage& image, SDL_Color color, const TextEffects& effects)
{
    ComposedText text;
    text.height = image.height;
    text.baseline = image.baseline;
    text.origin_x = image.origin_x;
    text.advance = image.advance;
    if (image.width <= 0 || image.height <= 0)
        return text;
    Canvas canvas;
    text.pixels = compose(image, color, effects, canvas);
    text.width = canvas.width;
    text.height = canvas.height;
    text.baseline = image.baseline + canvas.margin;
    text.origin_x = image.origin_x + canvas.margin;
    return text;
}

ComposedText compose_text(std::string_view text, const text::FontChain& chain, SDL_Color color, const TextEffects& effects)
{
    return compose_text(text::rasterize_line(text::shape_line(text, chain), chain), color, effects);
}

TextSprite TextSprite::upload(SDL_Renderer* renderer, const ComposedText& text)
{
    auto uploaded = try_upload(renderer, text);
    return uploaded ? std::move(uploaded.value()) : TextSprite{};
}

namespace {

// The rectangle of `text` that has any ink (alpha above zero): what a texture must hold. The
// rest is transparent, and copying a transparent pixel changes nothing, so it need not be
// kept. No ink at all (a line of spaces): one transparent pixel, so the sprite is not empty.
SDL_Rect ink_bounds(const ComposedText& text)
{
    int left = text.width;
    int right = -1;
    int top = text.height;
    int bottom = -1;
    for (int y = 0; y < text.height; ++y) {
        const Uint32* row = text.pixels.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(text.width);
        int first = 0;
        while (first < text.width && (row[first] >> 24) == 0)
            ++first;
        if (first == text.width)
            continue;
        int last = text.width - 1;
        while ((row[last] >> 24) == 0)
            --last;
        left = std::min(left, first);
        right = std::max(right, last);
        top = std::min(top, y);
        bottom = y;
    }
    if (right < 0)
        return {0, 0, 1, 1};
    return {left, top, right - left + 1, bottom - top + 1};
}

}  // namespace

Result<TextSprite> TextSprite::try_upload(SDL_Renderer* renderer, const ComposedText& text)
{
    TextSprite sprite;
    sprite.m_height = text.height;
    sprite.m_baseline = text.baseline;
    sprite.m_origin_x = text.origin_x;
    sprite.m_advance = text.advance;
    if (text.width <= 0 || text.height <= 0)
        return sprite;
    // Only the inked rectangle is uploaded: a line box is mostly empty above and below the
    // letters (the chain's ascent and descent cover every font in it), and so is a margin
    // left for effects; the texture is a quarter to a half smaller and draws the same pixels.
    sprite.m_ink = ink_bounds(text);
    const int tile_width = max_texture_width(renderer);
    const Uint32* first_row = text.pixels.data() + static_cast<std::size_t>(sprite.m_ink.y) * static_cast<std::size_t>(text.width);
    for (int tile_x = 0; tile_x < sprite.m_ink.w; tile_x += tile_width) {
        const int width = std::min(tile_width, sprite.m_ink.w - tile_x);
        const int height = sprite.m_ink.h;
        platform::TexturePtr texture(SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, width, height));
        if (!texture)
            return Error{"SDL_CreateTexture " + std::to_string(width) + "x" + std::to_string(height) + ": " + SDL_GetError()};
        if (SDL_UpdateTexture(texture.get(), nullptr, first_row + sprite.m_ink.x + tile_x, text.width * static_cast<int>(sizeof(Uint32))) != 0)
            return Error{"SDL_UpdateTexture " + std::to_string(width) + "x" + std::to_string(height) + ": " + SDL_GetError()};
        WorkCounters::texture_uploaded();
        SDL_SetTextureBlendMode(texture.get(), SDL_BLENDMODE_BLEND);
        sprite.m_tiles.push_back({std::move(texture), tile_x, width});
    }
    return sprite;
}

TextSprite TextSprite::create(SDL_Renderer* renderer, const text::CoverageImage& image, SDL_Color color, const TextEffects& effects)
{
    return upload(renderer, compose_text(image, color, effects));
}

TextSprite TextSprite::from_text(SDL_Renderer* renderer, std::string_view text, const text::FontChain& chain, SDL_Color color,
                                 const TextEffects& effects)
{
    TextSprite sprite = upload(renderer, compose_text(text, chain, color, effects));
    sprite.prime(renderer);
    return sprite;
}

void TextSprite::prime(SDL_Renderer* renderer, SDL_Point at) const
{
    const bool was_clipped = SDL_RenderIsClipEnabled(renderer) == SDL_TRUE;
    SDL_Rect kept{};
    SDL_RenderGetClipRect(renderer, &kept);
    const SDL_Rect pixel{at.x, at.y, 1, 1};
    SDL_RenderSetClipRect(renderer, &pixel);
    for (const auto& tile : m_tiles) {
        const SDL_Rect destination{at.x, at.y, tile.width, m_ink.h};
        SDL_RenderCopy(renderer, tile.texture.get(), nullptr, &destination);
    }
    SDL_RenderSetClipRect(renderer, was_clipped ? &kept : nullptr);
}

void TextSprite::draw(SDL_Renderer* renderer, int x, int y) const
{
    const int left = x - m_origin_x + m_ink.x;
    const int top = y - m_baseline + m_ink.y;
    for (const auto& tile : m_tiles) {
        const SDL_Rect destination{left + tile.x, top, tile.width, m_ink.h};
        SDL_RenderCopy(renderer, tile.texture.get(), nullptr, &destination);
    }
}

void TextSprite::draw(SDL_Renderer* renderer, int x, int y, Uint8 opacity) const
{
    if (opacity == 255) {
        draw(renderer, x, y);
        return;
    }
    // The opacity is the texture's state and every other draw expects it opaque; the renderer
    // takes it when the copy is queued, so it can be put back at once.
    for (const auto& tile : m_tiles)
        SDL_SetTextureAlphaMod(tile.texture.get(), opacity);
    draw(renderer, x, y);
    for (const auto& tile : m_tiles)
        SDL_SetTextureAlphaMod(tile.texture.get(), 255);
}

std::size_t TextSprite::bytes() const
{
    std::size_t total = 0;
    for (const auto& tile : m_tiles)
        total += static_cast<std::size_t>(tile.width) * static_cast<std::size_t>(m_ink.h) * 4;
    return total;
}

}  // namespace signage::render
