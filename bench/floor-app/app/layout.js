// The floor page's document (bench/frontend.ts): nothing but the html and body Next requires.
export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
