#pragma once
// The QR code beside a featured notice: its link as a code a phone reads from a couple of metres,
// with a short label under it, in a column at the right of the upper area that the notice's text
// keeps clear of. The code is made as a "text" block (see text_source.hpp): on the worker when
// the board is prepared, cached with the notice's other textures, copied 1:1 in a frame.
#include "config/screen_settings.hpp"
#include "render/scene_layout.hpp"
#include "render/text_source.hpp"

#include <SDL.h>

#include <string>
#include <string_view>

namespace signage::render {

// Whether a notice with `link` shows a code: [screen] qr is on and the link is http(s).
bool shows_notice_qr(const config::ScreenSettings& screen, std::string_view link);

// The column of the code and its label at the right of the text width: about a fifth of the
// screen's shorter side (a 4-6 cm code at 1080p on a 43" panel), never less than a link of up to
// 84 bytes needs at 2 px a module.
int notice_qr_column_px(const SceneLayout& layout);
// The width left to a notice's text beside the column (the column and a gap taken off).
int text_width_beside_qr(const SceneLayout& layout);

// The code of `link` (the featured notice's, and the alert banner's web link), black on white
// with its quiet zone, as a block of one line: the largest
// whole number of pixels a module with which it fits `column_px`. No lines when it does not fit
// at 2 px a module (a link of several hundred bytes): then no code shows.
TextRecipe qr_code_of(std::string link, int column_px);
// The label under the code, in the label font: one line, or its parts around " · " on lines of
// their own when the whole is wider than the column.
TextRecipe qr_label_of(std::string label, SDL_Color colour, const TextEffects& effects, int column_px);

// Where the code goes (its quiet zone included): right-aligned at `right`, the code and its label
// together centred between `top` and `bottom`. Empty when there is no code.
SDL_Rect notice_qr_rect(const TextBlock* code, const TextBlock* label, const SceneFonts& fonts, int right, int top, int bottom);
// Draws the code and its label (each line centred on the code) at `opacity`.
void draw_notice_qr(SDL_Renderer* renderer, const TextBlock* code, const TextBlock* label, const SceneFonts& fonts, int right, int top,
                    int bottom, Uint8 opacity);

}  // namespace signage::render
