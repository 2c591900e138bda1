// Streamlit's own English accessible names and announcements in the interface language.
// Mounted by ui/aria_text.py (which says why); the texts arrive as data, are compared with
// what Streamlit wrote and set with setAttribute / textContent: nothing becomes markup.

const STATE = (window.__polesAriaText ??= { rules: { active: false }, observer: null });
const ORIGINAL = "data-poles-original";
const ORIGINAL_TEXT = "data-poles-original-text";

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function countedPattern(template) {
  return new RegExp("^" + escapeRegExp(template).replace("\\{n\\}", "(\\d+)") + "$");
}

// The French (or other) value of one attribute, or null when it is not Streamlit's English.
function translated(rules, name, value) {
  if (value === null || value === "") return null;
  if (Object.prototype.hasOwnProperty.call(rules.exact, value)) return rules.exact[value];
  for (const [english, local] of rules.prefix) {
    if (value.startsWith(english) && value.length > english.length) {
      return local + value.slice(english.length);
    }
  }
  if (name === "aria-valuetext") {
    for (const [english, local] of rules.months) {
      const at = value.indexOf("– " + english);
      if (at >= 0 && at + english.length + 2 === value.length) {
        return value.slice(0, at) + "– " + local;
      }
    }
  }
  return null;
}

function translateElement(rules, element) {
  for (const name of [...rules.attributes, "aria-valuetext"]) {
    const value = element.getAttribute(name);
    const local = translated(rules, name, value);
    if (local === null || local === value) continue;
    const saved = JSON.parse(element.getAttribute(ORIGINAL) || "{}");
    saved[name] = value;
    element.setAttribute(ORIGINAL, JSON.stringify(saved));
    element.setAttribute(name, local);
  }
}

// A live region's announcement ("13 options available.", "<option>, selected").
function announcement(rules, text) {
  for (const [oneEn, otherEn, one, other] of rules.counted) {
    for (const pattern of [countedPattern(oneEn), countedPattern(otherEn)]) {
      const match = pattern.exec(text);
      if (match) {
        const count = Number(match[1]);
        return (rules.singular.includes(count) ? one : other).replace("{n}", match[1]);
      }
    }
  }
  for (const [english, local] of rules.suffix) {
    if (text.endsWith(english)) return text.slice(0, -english.length) + local;
  }
  return null;
}

function translateLive(rules, region) {
  for (const child of region.querySelectorAll("*")) {
    if (child.children.length) continue;
    const local = announcement(rules, child.textContent);
    if (local !== null) child.textContent = local;
  }
}

// A toolbar button's hover tooltip ("Download as CSV"): its whole text, when Streamlit's.
function translateTooltip(rules, tooltip) {
  for (const child of tooltip.querySelectorAll("*")) {
    if (child.children.length) continue;
    const value = child.textContent;
    if (Object.prototype.hasOwnProperty.call(rules.exact, value)) {
      child.textContent = rules.exact[value];
    }
  }
}

// Streamlit's "Page not found" dialog: its title and message, in the language.
function translateDialog(rules, dialog) {
  const { title, starts, text } = rules.notFound;
  const walker = document.createTreeWalker(dialog, NodeFilter.SHOW_TEXT);
  const nodes = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
  if (!nodes.some((node) => node.data.trim() === title[0])) return;
  for (const node of nodes) {
    const value = node.data.trim();
    if (value === title[0]) node.data = title[1];
    else if (starts.some((start) => value.startsWith(start))) node.data = text;
  }
}

// Known elements' whole drawn text ("Skip to main content"), kept to be put back in English.
function translateTexts(rules, root) {
  for (const [selector, [english, local]] of Object.entries(rules.texts || {})) {
    const found = [...root.querySelectorAll(selector)];
    if (root.matches(selector)) found.push(root);
    for (const element of found) {
      if (element.textContent !== english) continue;
      element.setAttribute(ORIGINAL_TEXT, english);
      element.textContent = local;
    }
  }
}

const SELECTOR = '[aria-label], [data-title], [aria-valuetext]';

function translateTree(root) {
  const rules = STATE.rules;
  if (!rules.active || !(root instanceof Element)) return;
  translateElement(rules, root);
  root.querySelectorAll(SELECTOR).forEach((element) => translateElement(rules, element));
  const live = root.closest("[aria-live]");
  if (live) translateLive(rules, live);
  root.querySelectorAll("[aria-live]").forEach((region) => translateLive(rules, region));
  const tooltip = root.closest('[role="tooltip"]');
  if (tooltip) translateTooltip(rules, tooltip);
  root.querySelectorAll('[role="tooltip"]').forEach((found) => translateTooltip(rules, found));
  const dialog = root.closest('[role="dialog"]');
  if (dialog) translateDialog(rules, dialog);
  root.querySelectorAll('[role="dialog"]').forEach((found) => translateDialog(rules, found));
  translateTexts(rules, root);
}

// Back to Streamlit's own words (the English interface).
function restore() {
  document.querySelectorAll("[" + ORIGINAL_TEXT + "]").forEach((element) => {
    element.textContent = element.getAttribute(ORIGINAL_TEXT);
    element.removeAttribute(ORIGINAL_TEXT);
  });
  document.querySelectorAll("[" + ORIGINAL + "]").forEach((element) => {
    const saved = JSON.parse(element.getAttribute(ORIGINAL) || "{}");
    element.removeAttribute(ORIGINAL);
    for (const [name, value] of Object.entries(saved)) element.setAttribute(name, value);
  });
}

function onMutations(mutations) {
  for (const mutation of mutations) {
    if (mutation.type === "childList") {
      mutation.addedNodes.forEach((node) =>
        translateTree(node.nodeType === Node.TEXT_NODE ? node.parentElement : node),
      );
    } else {
      translateTree(mutation.target.nodeType === Node.TEXT_NODE
        ? mutation.target.parentElement : mutation.target);
    }
  }
}

export default function (component) {
  const wasActive = STATE.rules.active;
  STATE.rules = component.data || { active: false };
  if (!STATE.rules.active) {
    if (wasActive) restore();
    return;
  }
  if (STATE.observer === null) {
    STATE.observer = new MutationObserver(onMutations);
    STATE.observer.observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ["aria-label", "data-title", "aria-valuetext"],
    });
  }
  translateTree(document.body);
}
