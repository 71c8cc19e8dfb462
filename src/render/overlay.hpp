#pragma once
// Notes drawn over the picture: the preview's F1 overlay (lines of diagnostics in a box at the
// top left) and the freshness note above the crawl ("업데이트 14:05 · Updated 14:05").
#include "render/scene_settings.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace signage::render {

class Overlay {
public:
    explicit Overlay(SceneContext context) : m_context(context) {}

    // Shapes and uploads the lines; empty hides it. False when nothing changes on screen (it
    // stays hidden).
    bool set(const std::vector<std::string>& lines);
    void draw() const;

private:
    SceneContext m_context;
    std::vector<TextSprite> m_lines;
};

class FreshnessNote {
public:
    explicit FreshnessNote(SceneContext context) : m_context(context) {}

    void set(std::string_view text);
    void draw() const;

private:
    SceneContext m_context;
    TextSprite m_note;
};

}  // namespace signage::render
