#pragma once
// Shapes of markup that cost libxml2 time out of all proportion to their size, refused before
// the parser sees them. libxml2 checks each attribute of a start tag against the ones before it
// (and each namespace declaration against the ones in scope), so one element with 200,000
// attributes, 2 MB, costs about a minute of CPU; attribute defaults declared in the internal
// subset are added to every element they name, with the same checks. No feed needs more than a
// handful of either, so the limits sit far above real documents and far below harm. One pass,
// no allocation but a stack of open elements: the check costs what reading the bytes costs.
#include "util/result.hpp"

#include <cstddef>
#include <string_view>

namespace signage::feed {

// Attributes (namespace declarations included) of one start tag. Real feeds: fewer than 20.
inline constexpr std::size_t kMaxAttributesPerElement = 256;
// Namespace declarations of all the elements open at one point: libxml2 looks each prefix up
// among them. Real feeds: a dozen or two, on the root.
inline constexpr std::size_t kMaxNamespacesInScope = 128;
// Attribute defaults (<!ATTLIST ... "value">) in the internal subset: real feeds declare none.
inline constexpr std::size_t kMaxAttributeDefaults = 64;

// An error saying which shape was found and that the document was refused; Done otherwise. An
// internal subset that declares parameter entities is refused too: they could declare
// attribute defaults this scan does not see.
Status check_xml_markup(std::string_view xml);

// The same bound for an HTML fragment (a description): attributes may go unquoted or without a
// value there, so each word inside a tag counts as one. False when a tag has too many.
bool html_markup_within_bounds(std::string_view html);

}  // namespace signage::feed
