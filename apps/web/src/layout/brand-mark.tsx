/** The product's mark (the favicon's shape). */
export function BrandMark({ size = 32 }: { readonly size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden focusable="false">
      <rect width="32" height="32" rx="6" fill="#b71c1c" />
      <path
        d="M9 9v14h9"
        stroke="#ffd54f"
        strokeWidth="3.2"
        fill="none"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <path d="M17 9h7M20.5 9v14" stroke="#fff" strokeWidth="3.2" fill="none" strokeLinecap="round" />
    </svg>
  );
}
