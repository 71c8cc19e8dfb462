#include "render/text_source.hpp"

#include "text/wrap.hpp"

#include <vector>

namespace signage::render {

SharedTextBlock TextSource::get(std::string_view kind, std::string_view text, const TextRecipe& recipe)
{
    // Sizes, colours and effects are fixed for the scene's life, so the kind and text say it all.
    std::string key(kind);
    key += '\x1f';
    key += text;
    if (auto found = find(key))
        return found;
    ++m_misses;
    return make(key, recipe);
}

namespace {

ComposedBlock compose_lines(const std::vector<std::string>& lines, const text::FontChain& chain, SDL_Color colour, const TextEffects& effects)
{
    ComposedBlock block;
    block.pixel_size = chain.pixel_size();
    for (const auto& line : lines)
        block.lines.push_back(compose_text(line, chain, colour, effects));
    return block;
}

}  // namespace

TextRecipe line_of(text::FontChain SceneFonts::*role, std::string text, SDL_Color colour, const TextEffects& effects)
{
    return [role, text = std::move(text), colour, effects](const SceneFonts& fonts) {
        ComposedBlock block;
        block.pixel_size = (fonts.*role).pixel_size();
        block.lines.push_back(compose_text(text, fonts.*role, colour, effects));
        return block;
    };
}

TextRecipe lines_of(text::FontChain SceneFonts::*role, std::string text, SDL_Color colour, const TextEffects& effects, int max_lines, int width)
{
    return [role, text = std::move(text), colour, max_lines, width, effects](const SceneFonts& fonts) {
        const text::FontChain& chain = fonts.*role;
        return compose_lines(text::wrap_text(text, chain, width, max_lines), chain, colour, effects);
    };
}

TextRecipe fitted_title(std::string text, SDL_Color colour, const TextEffects& effects, int width, int max_lines)
{
    return [text = std::move(text), width, max_lines, colour, effects](const SceneFonts& fonts) {
        std::vector<const text::FontChain*> sizes{&fonts.title};
        for (const auto& smaller : fonts.smaller_titles)
            sizes.push_back(&smaller);
        const text::FontChain* used = nullptr;
        text::WrappedText wrapped;
        for (const text::FontChain* chain : sizes) {
            used = chain;
            wrapped = text::wrap_paragraph(text, *chain, width, max_lines);
            if (!wrapped.truncated)
                break;
        }
        return compose_lines(wrapped.lines, *used, colour, effects);
    };
}

}  // namespace signage::render
