// fix_template: a rule's remediation template (<rule id>.fix.md), parsed and rendered.
//
// Format (Markdown with conventions):
//
//   ---
//   expand: attribute in attributes      one rendering per element of the JSON-array column
//   missing.principal: <why the files lack it and which file would fill it>
//   grammar.attribute: ldap-name     the value must be an LDAP name (or: account), else every
//                                    command block using it is withheld (value_grammar.hpp)
//   ---
//   Intro text (a note).
//   ## step: <title>        a remediation step; text, then fenced blocks ```cmd / ```powershell
//   ## verify: <title>      a verification step, same shape
//   ## rollback: <title>    how to undo the steps, same shape; shown next to them (triage,
//                           report), never run by a fix script (which names it in a comment)
//   ## note: <title>        prose only (risk, decisions to make)
//   ## step if <column>: <title>   only when the finding's <column> is set (not empty, not 0)
//
// {name} is a placeholder: a result column of the rule, the expansion variable, or `principal`
// (the connector account). {{ and }} are literal braces. In command blocks a placeholder must sit
// inside quotes ("..." for cmd, '...' for PowerShell) unless its value is a plain token; values
// are checked and quoted by shell_quote, and a block whose value cannot be made safe is withheld
// with the reason. A placeholder with no value renders as <name> and adds the `missing.` note.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "remediation/shell_quote.hpp"
#include "remediation/value_grammar.hpp"

namespace csx::remediation {

enum class section_kind { intro, step, verify, rollback, note };

// A value named kRefusedPrefix + name (e.g. "refused:principal") withholds every command block
// that uses {name}, with the value as the reason (a well-known principal, remediation/plan).
inline constexpr std::string_view kRefusedPrefix = "refused:";

// One piece of a template line, split once at parse time: literal text, or a placeholder with
// the quoting context it sits in.
struct piece {
    bool is_placeholder = false;
    std::string text;  // literal text, or the placeholder name
    value_context where = value_context::text;
    bool arg_start = false;  // the placeholder begins a command argument: a value starting with
                             // '-' or '/' would be read as an option there, and is withheld
};
using line_pieces = std::vector<piece>;

struct code_block {
    std::string lang;  // cmd | powershell | text
    std::vector<std::string> lines;
    std::vector<line_pieces> pieces;  // per line
    int line = 0;                     // in the template file
};

struct template_section {
    section_kind kind = section_kind::note;
    std::string condition;  // a column that must be set for the section to apply ("" = always)
    std::string title;
    std::vector<std::string> text;
    line_pieces title_pieces;
    std::vector<line_pieces> text_pieces;  // per text line
    std::vector<code_block> blocks;
    int line = 0;
};

struct fix_template {
    std::string source;
    std::string expand_var;                      // "attribute"
    std::string expand_column;                   // "attributes"
    std::map<std::string, std::string> missing;  // placeholder -> explanation
    std::map<std::string, value_grammar> grammar;  // placeholder -> what its value must be
    std::vector<template_section> sections;
};

// Throws rule_error naming the file and line for malformed templates.
fix_template parse_fix_template(const std::string& text, const std::string& source);

// Every placeholder the template uses (for lint).
std::set<std::string> placeholders(const fix_template& t);

// Problems a template can have regardless of data (placeholders in PowerShell double quotes,
// in bare positions of commands, unbalanced braces); empty when fine.
std::vector<std::string> check_template(const fix_template& t);

struct rendered_block {
    std::string lang;
    std::string text;     // the command(s), ready to paste ("" when withheld)
    std::string refusal;  // why it was withheld
    bool withheld() const { return !refusal.empty(); }
};

struct rendered_section {
    std::size_t index = 0;  // of the template section it renders
    section_kind kind = section_kind::note;
    std::string title;
    std::string text;
    std::vector<rendered_block> blocks;  // for the chosen shell only
};

struct rendered_fix {
    std::vector<rendered_section> sections;
    std::vector<std::string> missing_notes;  // one per placeholder that had no value
};

// Renders the template for one finding's values (column name -> text, "" = no value).
rendered_fix render(const fix_template& t, const std::map<std::string, std::string>& values,
                    const std::vector<std::string>& expansion, shell sh);

}  // namespace csx::remediation
