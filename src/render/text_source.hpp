#pragma once
// How the scene's parts get their text: they describe it (a kind, the text, a recipe that makes
// it with the scene's fonts) and a TextSource answers, from the cache or otherwise (see
// text_preparation.hpp for the three there are).
#include "render/scene_layout.hpp"
#include "render/text_cache.hpp"
#include "render/text_sprite.hpp"

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace signage::render {

using SharedTextBlock = std::shared_ptr<const TextBlock>;
// How to make a text, with whichever fonts: the worker's on its thread, the scene's on its own.
using TextRecipe = std::function<ComposedBlock(const SceneFonts&)>;

class TextSource {
public:
    virtual ~TextSource() = default;

    // The text of `kind` (which names the role and colour it is drawn in), from the cache or made
    // by `recipe`; nullptr while it is being made elsewhere.
    SharedTextBlock get(std::string_view kind, std::string_view text, const TextRecipe& recipe);
    // Texts not found in the cache so far.
    std::size_t misses() const { return m_misses; }

protected:
    virtual SharedTextBlock find(const std::string& key) = 0;
    virtual SharedTextBlock make(const std::string& key, const TextRecipe& recipe) = 0;

private:
    std::size_t m_misses = 0;
};

// Recipes for text of a role (a member of SceneFonts): one line, or wrapped in up to
// `max_lines` of `width`.
TextRecipe line_of(text::FontChain SceneFonts::*role, std::string text, SDL_Color colour, const TextEffects& effects);
TextRecipe lines_of(text::FontChain SceneFonts::*role, std::string text, SDL_Color colour, const TextEffects& effects, int max_lines,
                    int width);
// A featured title in the largest size at which it fits in its lines (else the smallest, with "…").
TextRecipe fitted_title(std::string text, SDL_Color colour, const TextEffects& effects, int width, int max_lines);

}  // namespace signage::render
